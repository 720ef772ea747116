"""The facet data of every live, public page of a locale, held in memory as bitsets, as a search
engine holds it: one big integer per facet value, a bit per page.

Counting a facet value for any set of results is then one AND and one popcount, however many
results there are, so disjunctive facets cost the same for 10 matches as for 10,000.

The snapshot is reloaded when the content version (`changes.version`) changes: every publish,
unpublish, move, delete, view restriction or term change writes a new version token in the same
transaction, so every process sees the change together with the data.
"""

import threading

import numpy as np

from changes.version import current_version
from search.registry import facet_names

_lock = threading.Lock()
_snapshots = {}  # locale id -> FacetIndex


class FacetIndex:
    """Docs of one locale in a fixed order, and per facet value the bitset of the docs carrying it."""

    def __init__(self, version, docs, terms):
        self.version = version
        self.terms = terms  # search.pipeline.Terms: labels of the values
        self.docs = sorted(docs, key=lambda doc: doc.page_id)
        self.position = {doc.page_id: i for i, doc in enumerate(self.docs)}
        self.page_ids = np.fromiter((doc.page_id for doc in self.docs), np.int64, len(self.docs))
        self.all = (1 << len(self.docs)) - 1
        names = facet_names()
        self.masks = {name: {} for name in names}
        for i, doc in enumerate(self.docs):
            bit = 1 << i
            for name in names:
                masks = self.masks[name]
                for value in doc.values.get(name, ()):
                    masks[value] = masks.get(value, 0) | bit
        # Newest first, for listings without a query: (date, page id) descending; `recency` is each
        # doc's place in that order as a number that grows with newness (the relevance tie-break).
        self.newest = sorted(
            range(len(self.docs)),
            key=lambda i: (self.docs[i].date is not None, self.docs[i].date, self.docs[i].page_id),
            reverse=True,
        )
        self.recency = np.zeros(len(self.docs), np.int64)
        self.recency[self.newest] = np.arange(len(self.docs), 0, -1)

    def positions_of(self, page_ids):
        """The doc positions of the pages among `page_ids` (an int64 array) that the index holds,
        and which of `page_ids` those are (a boolean array)."""
        if not len(self.docs):
            return np.zeros(0, np.int64), np.zeros(len(page_ids), bool)
        found = np.minimum(np.searchsorted(self.page_ids, page_ids), len(self.docs) - 1)
        held = self.page_ids[found] == page_ids
        return found[held], held

    def mask_of(self, positions):
        """The bitset of some doc positions (an int array, or any iterable of them)."""
        if not isinstance(positions, np.ndarray):
            positions = np.fromiter(positions, np.int64)
        bits = np.zeros(len(self.docs), bool)
        bits[positions] = True
        return int.from_bytes(np.packbits(bits, bitorder="little").tobytes(), "little")

    def filter_mask(self, name, values):
        """Docs carrying any of `values` of a facet (OR within a facet)."""
        mask = 0
        for value in values:
            mask |= self.masks[name].get(value, 0)
        return mask

    def facet(self, candidates, filters):
        """Results, disjunctive facet counts and relaxations for a candidate bitset.

        A value's count is the number of results you would get by adding it: docs that pass every
        other facet's filter and carry the value (OR within a facet, AND across facets).
        """
        selected = {name: self.filter_mask(name, values) for name, values in filters.items()}
        results = candidates
        for mask in selected.values():
            results &= mask
        counts, relaxations = {}, {}
        for name in self.masks:
            base = candidates
            for other, mask in selected.items():
                if other != name:
                    base &= mask
            if name in selected:
                relaxations[name] = base.bit_count()
            counts[name] = {
                value: count
                for value, mask in self.masks[name].items()
                if (count := (base & mask).bit_count())
            }
        return results, counts, relaxations

    def members(self, mask):
        """A fast membership test for doc positions in a bitset."""
        data = mask.to_bytes((len(self.docs) + 8) // 8, "little")
        return lambda i: data[i >> 3] >> (i & 7) & 1

    def holds(self, mask, positions):
        """Which of the doc `positions` (an int array) are in the bitset (a boolean array)."""
        data = np.frombuffer(mask.to_bytes((len(self.docs) + 8) // 8, "little"), np.uint8)
        return np.unpackbits(data, bitorder="little")[positions].astype(bool)


def facet_index(locale_id, load):
    """The facet index of a locale, reloaded if the data changed since it was built.

    `load(locale_id)` gives the locale's Docs (by page id, facet `values` filled in) and Terms.
    """
    version = current_version()
    snapshot = _snapshots.get(locale_id)
    if snapshot is None or snapshot.version != version:
        docs, terms = load(locale_id)
        snapshot = FacetIndex(version, docs.values(), terms)
        with _lock:
            _snapshots[locale_id] = snapshot
    return snapshot
