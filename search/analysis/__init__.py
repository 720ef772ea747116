"""The Dutch (and English) text analyser used for documents and queries alike, so that every engine
sees the same normalised tokens: folding, stop words, stemming, compounds, synonyms and typos."""

from functools import lru_cache

from .compounds import BASE_WORDS, is_base_word, split_compound
from .plan import Group, QueryPlan, SynonymSet, build_plan, compile_synonyms, content_stems
from .stemming import stem, variants
from .stopwords import STOPWORDS
from .text import fold, strip_html, tokenize
from .vocabulary import Vocabulary


@lru_cache(maxsize=200_000)
def word_tokens(word, language="nl"):
    """Index tokens for one folded, non-stop word (memoised: a corpus repeats its words endlessly)."""
    tokens = list(variants(word, language))
    if language == "nl":
        stop = STOPWORDS.get(language, frozenset())
        for part in split_compound(word, is_base_word) or ():
            if part not in stop:
                tokens.extend(variants(part, language))
    return tuple(tokens)


def analyse_tokens(text, language="nl"):
    """Index tokens for a text: stems and their variants, plus the parts of known compounds."""
    stop = STOPWORDS.get(language, frozenset())
    tokens = []
    for word in tokenize(text):
        if word not in stop:
            tokens.extend(word_tokens(word, language))
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
