"""Folding and tokenising: the first steps every text goes through, document and query alike."""

import re
import unicodedata

TOKEN_RE = re.compile(r"[a-z0-9]+")
# Abbreviations of two letters joined by '&' (P&O, B&W, R&D) are one word, not two dropped letters.
AMPERSAND_ABBREVIATION_RE = re.compile(r"\b([a-z]) ?& ?([a-z])\b")
HTML_TAG_RE = re.compile(r"<[^>]+>")


def fold(text):
    """Lowercase and strip accents, so Súdwest-Fryslân and sudwest fryslan meet."""
    text = str(text).lower()
    if text.isascii():  # most Dutch text: nothing to fold, and this runs for every indexed word
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def tokenize(text):
    """Folded words of two or more characters (digits alone count too: '3' in '3D' stays '3d')."""
    text = fold(text)
    if "&" in text:
        text = AMPERSAND_ABBREVIATION_RE.sub(r"\1\2", text)
    return [token for token in TOKEN_RE.findall(text) if len(token) > 1 or token.isdigit()]


def strip_html(html):
    return HTML_TAG_RE.sub(" ", str(html or ""))
