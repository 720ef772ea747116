"""The labels of facet values per locale (theme names, municipality names): read in one query per
facet, with the facet index's snapshot (search.facet_index) or, for an engine that counts facets
itself, kept until the content changes."""

from search import registry
from search.versioning import VersionedCache

_cache = VersionedCache()


def load_terms(locale_id):
    """{facet name: {value: Term}} of every facet whose labels are data, read now."""
    return {
        facet.name: facet.terms(locale_id)
        for facet in registry.facets()
        if facet.terms is not None and facet.cache_terms
    }


def cached_terms(locale_id, wanted=None, version=None):
    """`load_terms` of this content version; read again when a value in `wanted` ({facet: values})
    has no label yet (a term made since, in a process that has not seen a new version)."""
    terms = _cache.get(locale_id, lambda: load_terms(locale_id), version)
    missing = any(
        value not in terms.get(name, {})
        for name, values in (wanted or {}).items()
        if name in terms
        for value in values
    )
    return load_terms(locale_id) if missing else terms


def with_language_labels(terms, locale_id):
    """`terms` plus the facets whose labels follow the active language (the document types')."""
    return {
        **terms,
        **{
            facet.name: facet.terms(locale_id)
            for facet in registry.facets()
            if facet.terms is not None and not facet.cache_terms
        },
    }
