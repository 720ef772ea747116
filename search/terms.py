"""The labels of facet values per locale (theme names, municipality names), read once per content
version: one query per facet, shared by every search until the content changes."""

import threading

from search import registry

_lock = threading.Lock()
_cache = {"version": None, "terms": {}}


def content_version():
    from search.facet_index import current_version

    return current_version()


def terms_for(facet, locale_id, version=None):
    """{value: search.types.Term} of a facet in a locale ({} for a facet without named terms)."""
    if facet.terms is None:
        return {}
    if not facet.cache_terms:
        return facet.terms(locale_id)
    version = content_version() if version is None else version
    with _lock:
        if _cache["version"] != version:
            _cache.update(version=version, terms={})
        found = _cache["terms"].get((facet.name, locale_id))
    if found is None:
        found = facet.terms(locale_id)
        with _lock:
            if _cache["version"] == version:
                _cache["terms"][(facet.name, locale_id)] = found
    return found


def all_terms(locale_id, version=None):
    """{facet name: {value: Term}} of every facet in a locale."""
    version = content_version() if version is None else version
    return {facet.name: terms_for(facet, locale_id, version) for facet in registry.facets()}
