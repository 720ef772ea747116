"""Queries as a plan: one group per query word (or synonym phrase), each group a set of alternatives,
each alternative a tuple of tokens that must all occur. Engines translate a plan into their own query."""

import re
from dataclasses import dataclass, field

from .compounds import split_compound
from .stemming import stem, variants
from .stopwords import STOPWORDS
from .text import tokenize

PHRASE_RE = re.compile(r'"([^"]*)"')
MIN_TYPO_LENGTH = 5  # one typo is forgiven in words of at least this many letters


@dataclass(frozen=True)
class Group:
    words: tuple[str, ...]  # the folded query words this group stands for
    alternatives: tuple[tuple[str, ...], ...]  # any one matches; all tokens of one must occur
    # A quoted phrase: these folded words, in this order, in the text (search/phrases.py checks).
    phrase: tuple[str, ...] = ()

    @property
    def tokens(self):
        return {token for alternative in self.alternatives for token in alternative}


@dataclass(frozen=True)
class QueryPlan:
    language: str
    groups: tuple[Group, ...] = ()
    corrections: tuple[tuple[str, str], ...] = field(default=())  # (typed word, index stem)
    # Set for a loosened pass (search.common_words): the positions of the groups of which a page
    # matching fewer than all groups must hold one; empty: such a page must hold every group.
    deciding: tuple[int, ...] | None = None

    @property
    def is_empty(self):
        return not self.groups

    @property
    def tokens(self):
        """Every token any group could match: what snippets highlight."""
        return set().union(*(group.tokens for group in self.groups)) if self.groups else set()

    def required_matches(self):
        """How many groups a result must match, strictest first: AND, then relaxed for long
        natural-language questions, where not every word of the question is in the answer."""
        n = len(self.groups)
        if n <= 1:
            return [n]
        if n == 2:
            return [2, 1]  # relaxed only when the pair matches (almost) nothing
        levels = [n, max(2, n - 1), max(1, -(-n * 2 // 5))]
        return sorted(set(levels), reverse=True)


@dataclass(frozen=True)
class SynonymSet:
    """Expressions that mean the same (Wmo, Wet maatschappelijke ondersteuning), as stem tuples."""

    expressions: tuple[tuple[str, ...], ...]


def content_stems(text, language):
    stop = STOPWORDS.get(language, frozenset())
    return tuple(stem(word, language) for word in tokenize(text) if word not in stop)


def compile_synonyms(rows, language):
    """SynonymSets from lists of expressions."""
    sets = []
    for expressions in rows:
        analysed = tuple(
            dict.fromkeys(
                stems for stems in (content_stems(e, language) for e in expressions) if stems
            )
        )
        if len(analysed) > 1:
            sets.append(SynonymSet(analysed))
    return sets


def _word_alternatives(word, language, vocabulary):
    alternatives = [(token,) for token in variants(word, language)]
    if language == "nl":
        is_word = vocabulary.is_word if vocabulary is not None else None
        if is_word is not None:
            parts = split_compound(word, is_word)
            if parts:
                alternatives.append(tuple(dict.fromkeys(stem(part, language) for part in parts)))
        if vocabulary is not None:
            for alternative in list(alternatives):
                if len(alternative) == 1:
                    alternatives.extend((c,) for c in vocabulary.compounds_with(alternative[0]))
    return list(dict.fromkeys(alternatives))


def build_plan(query, language="nl", vocabulary=None, synonyms=()):
    """The plan for a query; with a vocabulary, unknown words get typo corrections and compounds."""
    stop = STOPWORDS.get(language, frozenset())
    phrase_groups = []
    for quoted in PHRASE_RE.findall(query):
        phrase = tuple(tokenize(quoted))
        content = tuple(dict.fromkeys(stem(w, language) for w in phrase if w not in stop))
        if len(phrase) > 1 and content:
            phrase_groups.append(Group(phrase, (content,), phrase=phrase))
    if phrase_groups:  # the rest of the query, and a quoted single word, as words
        query = PHRASE_RE.sub(lambda m: " " if len(tokenize(m.group(1))) > 1 else m.group(1), query)
    words = [word for word in tokenize(query) if word not in stop]
    stems = [stem(word, language) for word in words]
    groups, corrections = [], []
    i = 0
    while i < len(words):
        matched = None
        for synonym_set in synonyms:
            for expression in synonym_set.expressions:
                length = len(expression)
                if tuple(stems[i : i + length]) == expression and (
                    matched is None or length > matched[0]
                ):
                    matched = (length, synonym_set)
        if matched:
            length, synonym_set = matched
            span = words[i : i + length]
            alternatives = list(synonym_set.expressions)
            if length == 1:
                alternatives = _word_alternatives(span[0], language, vocabulary) + alternatives
            groups.append(Group(tuple(span), tuple(dict.fromkeys(alternatives))))
            i += length
            continue
        word = words[i]
        alternatives = _word_alternatives(word, language, vocabulary)
        if vocabulary is not None and len(word) >= MIN_TYPO_LENGTH and not word.isdigit():
            known = any(all(t in vocabulary for t in alt) for alt in alternatives)
            if not known:
                near = vocabulary.near(stems[i]) or vocabulary.near_word(word, language)
                if near:
                    corrections.append((word, near[0]))
                    alternatives.extend((token,) for token in near[:5])
        groups.append(Group((word,), tuple(alternatives)))
        i += 1
    return QueryPlan(language, tuple(groups + phrase_groups), tuple(corrections))
