"""Snippets: the passage of a result that best answers the query, matched words in <mark>."""

import html
import re
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.analysis import analyse_tokens

WORD_RE = re.compile(r"\w+", re.UNICODE)
SNIPPET_WORDS = 35


@lru_cache(maxsize=50_000)
def _word_tokens(word, language):
    return frozenset(analyse_tokens(word, language))


def _matches(word, tokens, language, cache):
    if word not in cache:
        cache[word] = bool(_word_tokens(word, language) & tokens)
    return cache[word]


def make_snippet(passages, plan, language="nl", length=SNIPPET_WORDS):
    """HTML-safe snippet: the words of the best passage around its first match, matches marked."""
    # Passages cut from rich text still hold its entities (&#x27;, &amp;): read them as the
    # characters they stand for, so the escaping below is the only one.
    passages = [" ".join(html.unescape(p).split()) for p in passages if p and p.strip()]
    if not passages:
        return mark_safe("")  # noqa: S308 - empty string
    tokens = plan.tokens if plan is not None else set()
    cache = {}
    best = None
    if tokens:
        for passage in passages:
            words = list(WORD_RE.finditer(passage))
            hits = [i for i, m in enumerate(words) if _matches(m.group(), tokens, language, cache)]
            if not hits:
                continue
            distinct = len({words[i].group().lower() for i in hits})
            if best is None or distinct > best[0]:
                best = (distinct, passage, words, hits)
    if best is None:
        passage = passages[0]
        words = list(WORD_RE.finditer(passage))
        start_word = 0
    else:
        _, passage, words, hits = best
        start_word = max(0, hits[0] - 8)
    if not words:
        return mark_safe(escape(passage[:240]))  # noqa: S308 - escaped
    end_word = min(len(words), start_word + length)
    start = 0 if start_word == 0 else words[start_word].start()
    end = len(passage) if end_word == len(words) else words[end_word - 1].end()
    out = ["…" if start else ""]
    position = start
    for match in words[start_word:end_word]:
        out.append(escape(passage[position : match.start()]))
        if tokens and _matches(match.group(), tokens, language, cache):
            out.append(f"<mark>{escape(match.group())}</mark>")
        else:
            out.append(escape(match.group()))
        position = match.end()
    out.append(escape(passage[position:end]))
    if end < len(passage):
        out.append("…")
    return mark_safe("".join(out))  # noqa: S308 - every piece escaped above
