"""The Dutch (and English) text analyser used for documents and queries alike, so that every engine
sees the same normalised tokens: folding, stop words, stemming, compounds, synonyms and typos."""

from .compounds import BASE_WORDS, is_base_word, split_compound
from .plan import Group, QueryPlan, SynonymSet, build_plan, compile_synonyms, content_stems
from .stemming import stem, variants
from .stopwords import STOPWORDS
from .text import fold, strip_html, tokenize
from .vocabulary import Vocabulary


def analyse_tokens(text, language="nl"):
    """Index tokens for a text: stems and their variants, plus the parts of known compounds."""
    stop = STOPWORDS.get(language, frozenset())
    tokens = []
    for word in tokenize(text):
        if word in stop:
            continue
        tokens.extend(variants(word, language))
        if language == "nl":
            parts = split_compound(word, is_base_word)
            if parts:
                for part in parts:
                    if part not in stop:
                        tokens.extend(variants(part, language))
    return tokens


def analyse(text, language="nl"):
    """A text as the normalised token string that goes into the index."""
    return " ".join(analyse_tokens(text, language))


__all__ = [
    "BASE_WORDS",
    "STOPWORDS",
    "Group",
    "QueryPlan",
    "SynonymSet",
    "Vocabulary",
    "analyse",
    "analyse_tokens",
    "build_plan",
    "compile_synonyms",
    "content_stems",
    "fold",
    "split_compound",
    "stem",
    "strip_html",
    "tokenize",
    "variants",
]
