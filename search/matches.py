"""The pages an engine's `match` found, as arrays over the facet index's doc positions: a search
on a common word matches most of a large bank, and looking at ten thousand rows one by one in
Python cost more than the database's own work (README, "Zoeken op betekenis", timing)."""

from dataclasses import dataclass

import numpy as np

_EMPTY_INTS = np.zeros(0, np.int64)


@dataclass(frozen=True)
class Matches:
    """Per matched page (a row of `engine.match`) its doc position, score and groups matched, and
    the bitmask of its groups when the engine gave one (SearchEngine.match)."""

    positions: np.ndarray  # int64
    scores: np.ndarray  # float64
    groups: np.ndarray  # int64
    masks: np.ndarray | None = None  # int64

    @classmethod
    def empty(cls):
        return cls(_EMPTY_INTS, np.zeros(0, np.float64), _EMPTY_INTS)

    @classmethod
    def from_rows(cls, rows, index):
        """The rows of the pages the facet index holds (live, public, this locale)."""
        if not rows:
            return cls.empty()
        columns = list(zip(*rows, strict=True))  # in C: a column per field, not a loop per row
        positions, held = index.positions_of(np.array(columns[0], np.int64))
        # A page in two rows (an engine's duplicate entry) counts once: its last row, as in a dict.
        _values, from_end = np.unique(positions[::-1], return_index=True)
        once = len(positions) - 1 - from_end
        scores = np.array(columns[1], np.float64)[held][once]
        groups = np.array(columns[2], np.int64)[held][once]
        masks = np.array(columns[3], np.int64)[held][once] if len(columns) > 3 else None
        return cls(positions[once], scores, groups, masks)

    def __len__(self):
        return len(self.positions)

    def at_least(self, groups):
        """The positions of the pages that match at least this many groups."""
        return self.positions[self.groups >= groups]

    def of_group(self, group):
        """The positions of the pages that match group number `group` (needs `masks`)."""
        return self.positions[(self.masks >> group) & 1 == 1]

    def best(self, among, count, recency):
        """The `count` best matches whose positions `among` (a boolean array per match) allows:
        (groups matched, score, recency, position) tuples, best first, as `heapq.nlargest` of
        those tuples would give them."""
        positions = self.positions[among]
        groups, scores = self.groups[among], self.scores[among]
        newness = recency[positions]
        order = np.lexsort((positions, newness, scores, groups))[::-1][:count]
        return list(
            zip(
                groups[order].tolist(),
                scores[order].tolist(),
                newness[order].tolist(),
                positions[order].tolist(),
                strict=True,
            )
        )
