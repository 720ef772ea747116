"""The index vocabulary (stem → number of documents) that typo tolerance, compound splitting and
"Bedoelde u …" suggestions check query words against."""

from functools import cached_property

from .compounds import BASE_WORDS, split_compound
from .stemming import stem

MAX_EXPANSIONS = 25
# Letters a word can lose to one edit and its stemming together (Dutch: -heden, -igingen, …), with room.
WORD_LONGER_THAN_ITS_STEM = 15


def edit_distance_at_most_one(a, b):
    """True when a and b differ by at most one insertion, deletion, substitution or swap."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    if la > lb:
        a, b = b, a
    for i in range(len(b)):
        if a == b[:i] + b[i + 1 :]:
            return True
    return False


def edit_distance(a, b):
    """Optimal string alignment distance (Levenshtein with swaps)."""
    previous2, previous = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _edits(word):
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    found = {a + b[1:] for a, b in splits if b}
    found |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    found |= {a + c + b[1:] for a, b in splits if b for c in LETTERS}
    found |= {a + c + b for a, b in splits for c in LETTERS}
    found.discard(word)
    return found


def _deletes(word):
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class Vocabulary:
    """Stems of the index with their document frequency."""

    def __init__(self, frequencies=None):
        self.frequencies = dict(frequencies or {})

    def __contains__(self, token):
        return token in self.frequencies

    def __len__(self):
        return len(self.frequencies)

    def frequency(self, token):
        return self.frequencies.get(token, 0)

    @cached_property
    def _delete_index(self):
        index = {}
        for token in self.frequencies:
            if len(token) < 4 or token.isdigit():
                continue
            index.setdefault(token, set()).add(token)
            for variant in _deletes(token):
                index.setdefault(variant, set()).add(token)
        return index

    def near(self, token):
        """Index stems one edit away from `token`, most frequent first."""
        keys = {token} | _deletes(token)
        found = set()
        for key in keys:
            found |= self._delete_index.get(key, set())
        found.discard(token)
        matches = [t for t in found if edit_distance_at_most_one(t, token)]
        return sorted(matches, key=lambda t: (-self.frequencies[t], t))

    @cached_property
    def _longest(self):
        return max(map(len, self.frequencies), default=0)

    def near_word(self, word, language="nl"):
        """Index stems of the words one edit away from a surface word: finds typos that change
        how a word is stemmed (laaggeletterdhied → laaggeletterdheid → laaggeletterd).

        A word far longer than any index stem has none: one edit and a stemmer's suffix take off a
        few letters, not dozens. Without that bound a 200-letter "word" (the search box's limit)
        was stemmed in its 10,000 variants, seconds of CPU for a single search."""
        if len(word) > self._longest + WORD_LONGER_THAN_ITS_STEM:
            return []
        found = {}
        for candidate in _edits(word):
            token = stem(candidate, language)
            if token in self.frequencies:
                found[token] = self.frequencies[token]
        return sorted(found, key=lambda t: (-found[t], t))

    def closest(self, token, max_distance=2):
        """The most frequent index stem within `max_distance` edits, for suggestions."""
        if max_distance <= 1:
            near = self.near(token)
            return near[0] if near else None
        best = None
        for candidate, frequency in self.frequencies.items():
            if abs(len(candidate) - len(token)) > max_distance or candidate[:1] != token[:1]:
                continue
            distance = edit_distance(candidate, token)
            if distance <= max_distance:
                key = (distance, -frequency)
                if best is None or key < best[0]:
                    best = (key, candidate)
        return best[1] if best else None

    @cached_property
    def _compounds(self):
        """part stem → index stems of compounds containing it (wijkteam under both wijk and team)."""
        base_stems = {stem(word) for word in BASE_WORDS}

        def is_word(part):
            return len(part) >= 3 and (part in self.frequencies or part in base_stems)

        compounds = {}
        for token in self.frequencies:
            if len(token) < 7 or token.isdigit():
                continue
            parts = split_compound(token, is_word)
            if parts:
                for part in parts:
                    compounds.setdefault(part, []).append(token)
        return compounds

    def compounds_with(self, token):
        found = self._compounds.get(token, [])
        return sorted(found, key=lambda t: (-self.frequencies[t], t))[:MAX_EXPANSIONS]

    def is_word(self, surface):
        """Whether a surface word (or its stem) occurs in the index or the base list."""
        return surface in BASE_WORDS or stem(surface) in self.frequencies
