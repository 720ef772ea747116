"""Hybrid retrieval: the pages nearest in meaning to a query, and reciprocal rank fusion of those
with the lexical ranking. The pipeline (search.pipeline) calls `vector_matches` and `fuse`; with no
model or no vectors `vector_matches` is None and the search is lexical exactly as before."""

import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from search.semantic import nonsense
from search.semantic.encoder import get_encoder, model_name
from search.semantic.matrix import matrix_for

RRF_K = 60  # the usual constant of reciprocal rank fusion: rank 1 adds 1/61
MAX_JOINING = 20  # at most this many pages join the results by meaning alone (before filters)
# Only the pages nearest in meaning get a rank in the fusion: further down, a rank adds less than
# 1/(60 + 200) and the sorting of every page of a large bank costs more than the rest of the query.
NEAREST = 200
# The same queries come back often (the facet clicks of one search), so the vectors of the latest
# ones are kept.
QUERY_CACHE_SIZE = 1024
_query_probes = OrderedDict()
_query_lock = threading.Lock()


@dataclass(frozen=True)
class QueryProbe:
    """A query's vector, the vectors of its letters shuffled and how much it reads as language
    (search.semantic.nonsense)."""

    vector: np.ndarray
    shuffled: np.ndarray
    letter_score: float | None


def query_probe(encoder, query):
    key = (encoder.name, " ".join(query.lower().split()))
    with _query_lock:
        if key in _query_probes:
            _query_probes.move_to_end(key)
            return _query_probes[key]
    vectors = encoder.queries([query, *nonsense.shuffled(query)])
    scorer = encoder.letter_score
    probe = QueryProbe(vectors[0], vectors[1:], scorer(query) if scorer else None)
    with _query_lock:
        _query_probes[key] = probe
        while len(_query_probes) > QUERY_CACHE_SIZE:
            _query_probes.popitem(last=False)
    return probe


def forget_queries():
    """Drop the kept query vectors (the search benchmark times a new query with this)."""
    with _query_lock:
        _query_probes.clear()


def query_vector(encoder, query):
    return query_probe(encoder, query).vector


@dataclass
class VectorMatches:
    """Pages at or above the model's similarity floor for one query, best first."""

    page_ids: list[int]
    similarities: list[float]
    strict_floor: float

    def __post_init__(self):
        self.rank = {pk: position for position, pk in enumerate(self.page_ids, 1)}

    def joining(self, complete):
        """The pages that join the results by meaning: the nearest few above the floor, or, when
        the lexical results already hold every query word (`complete`), only the very near ones,
        so a word that is found is not drowned by its neighbours."""
        chosen = []
        for pk, similarity in zip(self.page_ids, self.similarities, strict=True):
            if len(chosen) == MAX_JOINING or (complete and similarity < self.strict_floor):
                break
            chosen.append(pk)
        return chosen


def vector_matches(query, language, version=None):
    """The pages of `language` near `query` in meaning, or None when search by meaning is off, the
    model cannot be loaded or no page has a vector yet."""
    if not query or not query.strip() or not model_name():
        return None
    matrix = matrix_for(language, model_name(), version)
    if not len(matrix.page_ids):
        return None
    encoder = get_encoder()
    if encoder is None:
        return None
    probe = query_probe(encoder, query)
    scores = matrix.similarities(probe.vector)
    shuffled = matrix.similarities(probe.shuffled)
    if not len(scores) or not nonsense.has_meaning(
        probe.letter_score, float(scores.max()), shuffled.max(axis=0)
    ):
        return None
    above = np.flatnonzero(scores >= encoder.spec.floor)
    if len(above) > NEAREST:
        above = above[np.argpartition(-scores[above], NEAREST - 1)[:NEAREST]]
    order = above[np.argsort(-scores[above], kind="stable")]
    return VectorMatches(
        [int(pk) for pk in matrix.page_ids[order]],
        [float(s) for s in scores[order]],
        encoder.spec.strict_floor,
    )


def fuse(lexical, complete, matches, joined):
    """Keys in fused order: those matching every query word (`complete`) first, then by reciprocal
    rank fusion of the lexical order (`lexical`, best first) and the rank in meaning (`matches`,
    a dict key -> rank); `joined` are keys found by meaning only. Ties keep the lexical order."""
    scores = {}
    for position, key in enumerate(lexical, 1):
        scores[key] = 1.0 / (RRF_K + position)
    for key in joined:
        scores.setdefault(key, 0.0)
    for key in scores:
        rank = matches.get(key)
        if rank is not None:
            scores[key] += 1.0 / (RRF_K + rank)
    return sorted(scores, key=lambda key: (key in complete, scores[key]), reverse=True)
