"""Terms and places by id, read once per content version and shared by every page of a process.

A practice page, the home page and the browsing pages name dozens of terms and municipalities;
with these lookups they cost no query per term kind or place. Terms and places are watched content
(practices/apps.py), so renaming one renews the version and every process reads them again.
"""

from search.versioning import VersionedCache

_lookups = VersionedCache()


def _load_terms(model):
    return {term.id: term for term in model.objects.select_related("locale")}


def terms_by_id(model):
    """{id: term} of every term of this kind (Theme, ProfessionalGroup, LearningForm), all languages."""
    return _lookups.get(model._meta.label_lower, lambda: _load_terms(model))


def _load_municipalities():
    from practices.models import Municipality

    found = {m.id: m for m in Municipality.objects.select_related("province")}
    for municipality in found.values():
        # The successor from this same lookup: `current` and the template cost no query.
        if municipality.successor_id in found:
            municipality.successor = found[municipality.successor_id]
    return found


def municipalities_by_id():
    """{id: municipality} of every municipality, current and former, with province and successor."""
    return _lookups.get("municipalities", _load_municipalities)


def municipalities_by_code():
    return _lookups.get(
        "municipalities-by-code",
        lambda: {m.cbs_code: m for m in municipalities_by_id().values()},
    )
