"""The facet data of every live, public page of a locale, held in memory as bitsets, as a search
engine holds it: one big integer per facet value, a bit per page.

Counting a facet value for any set of results is then one AND and one popcount, however many
results there are, so disjunctive facets cost the same for 10 matches as for 10,000.

The snapshot is reloaded when the facet data version (`search.models.FacetDataVersion`) changes:
every save or delete of a page, a view restriction or a taxonomy term writes a new version token,
in the same transaction, so every process sees the change together with the data.
"""

import threading
import uuid

from django.db import IntegrityError, transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import post_page_move

from search.types import FACET_NAMES

_lock = threading.Lock()
_snapshots = {}  # locale id -> FacetIndex


class FacetIndex:
    """Docs of one locale in a fixed order, and per facet value the bitset of the docs carrying it."""

    def __init__(self, version, docs, terms):
        self.version = version
        self.terms = terms  # search.pipeline.Terms: labels of the values
        self.docs = sorted(docs, key=lambda doc: doc.page_id)
        self.position = {doc.page_id: i for i, doc in enumerate(self.docs)}
        self.all = (1 << len(self.docs)) - 1
        self.masks = {name: {} for name in FACET_NAMES}
        for i, doc in enumerate(self.docs):
            bit = 1 << i
            for name in FACET_NAMES:
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
        self.recency = [0] * len(self.docs)
        for place, i in enumerate(self.newest):
            self.recency[i] = len(self.docs) - place

    def mask_of(self, positions):
        """The bitset of some doc positions."""
        bits = bytearray((len(self.docs) + 8) // 8)
        for i in positions:
            bits[i >> 3] |= 1 << (i & 7)
        return int.from_bytes(bits, "little")

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
        for name in FACET_NAMES:
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


def current_version():
    from search.models import FacetDataVersion

    return FacetDataVersion.objects.filter(pk=1).values_list("token", flat=True).first() or ""


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


def forget():
    """Drop every snapshot of this process (tests that roll back their data call this)."""
    with _lock:
        _snapshots.clear()


def data_changed(**kwargs):
    """Write a new facet data version: every process rebuilds its snapshot at its next search."""
    from search.models import FacetDataVersion

    token = uuid.uuid4().hex
    if FacetDataVersion.objects.filter(pk=1).update(token=token):
        return
    try:  # the row is created by a migration; a flushed test database has lost it
        with transaction.atomic():
            FacetDataVersion.objects.create(pk=1, token=token)
    except IntegrityError:  # another process created it just now
        FacetDataVersion.objects.filter(pk=1).update(token=token)


FACET_DATA_APPS = {"practices", "publications"}  # taxonomies, places, links, publishers


def facet_data_models():
    """The models whose rows search facets count: pages, view restrictions, and everything in the
    practices and publications apps."""
    from django.apps import apps

    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page)
        or model is PageViewRestriction
        or model._meta.app_label in FACET_DATA_APPS
    ]


def connect():
    # Per model, not for every sender: a post_delete receiver stops Django's fast deletes.
    for model in facet_data_models():
        uid = f"search-facet-data-{model._meta.label_lower}"
        post_save.connect(data_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(data_changed, sender=model, dispatch_uid=f"{uid}-delete")
    post_page_move.connect(data_changed, dispatch_uid="search-facet-data-move")
