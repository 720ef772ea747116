"""The embeddings of a language as one in-process matrix (float32, a row per page part), reloaded
when the content version changes, so every process sees new vectors right after the worker stored
them (search.semantic.store renews the version). 10,000 pages of 512 dimensions take 20 MB."""

from dataclasses import dataclass

import numpy as np

from search.semantic.models import PageEmbedding
from search.versioning import VersionedCache

_matrices = VersionedCache()


@dataclass
class Matrix:
    """Rows of vectors grouped by page: `page_ids[k]` owns rows `starts[k]` up to the next start."""

    page_ids: np.ndarray  # int64, one per page, ascending
    starts: np.ndarray  # int64, the first row of each page
    vectors: np.ndarray  # float32 (rows, dimensions), L2-normalised

    @property
    def nbytes(self):
        return self.page_ids.nbytes + self.starts.nbytes + self.vectors.nbytes

    def similarities(self, vector):
        """The cosine of `vector` with each page (its best part), in `page_ids` order; for several
        vectors (rows), a column per vector."""
        vector = np.asarray(vector)
        if not len(self.page_ids):
            return np.zeros((0, *vector.shape[:-1]), dtype=np.float32)
        scores = self.vectors @ vector.T
        return np.maximum.reduceat(scores, self.starts, axis=0)

    def vector_of(self, page_id):
        """The first part's vector of a page (the page itself), or None."""
        k = int(np.searchsorted(self.page_ids, page_id))
        if k < len(self.page_ids) and self.page_ids[k] == page_id:
            return self.vectors[self.starts[k]]
        return None


def load_matrix(language, model):
    rows = (
        PageEmbedding.objects.filter(language=language, model_name=model)
        .order_by("page_id", "part")
        .values_list("page_id", "vector")
    )
    page_ids, starts, vectors = [], [], []
    for row, (page_id, vector) in enumerate(rows.iterator(chunk_size=2000)):
        if not page_ids or page_ids[-1] != page_id:
            page_ids.append(page_id)
            starts.append(row)
        vectors.append(bytes(vector))
    if not vectors:
        return Matrix(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros((0, 1), np.float32))
    matrix = np.frombuffer(b"".join(vectors), dtype=np.float32).reshape(len(vectors), -1)
    return Matrix(np.array(page_ids, np.int64), np.array(starts, np.int64), matrix)


def matrix_for(language, model, version=None):
    """The matrix of a language's embeddings by `model`, as of the content version."""
    return _matrices.get((language, model), lambda: load_matrix(language, model), version)
