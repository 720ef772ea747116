"""Turn a query string into SearchParams, with a Dutch message for everything we cannot use."""

import re

from django.utils.translation import gettext_lazy as _

from search import registry
from search.types import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, SORTS, SearchParams

MAX_QUERY_LENGTH = 200
MAX_PAGE = 1000  # deeper than anyone pages; keeps offsets sane
MAX_VALUES_PER_FACET = 50
VALUE_RE = re.compile(r"^[\w-]{1,100}$")


def _integer(raw, name, default, minimum, maximum, errors):
    if raw in (None, ""):
        return default
    try:
        value = int(str(raw).strip())
    except ValueError:
        errors.append({"name": name, "reason": _("Geef een geheel getal.")})
        return default
    if value < minimum:
        errors.append(
            {"name": name, "reason": _("Dit getal moet minstens %(min)s zijn.") % {"min": minimum}}
        )
        return default
    if value > maximum:
        errors.append(
            {"name": name, "reason": _("Dit getal mag hoogstens %(max)s zijn.") % {"max": maximum}}
        )
        return maximum
    return value


def parse_params(querydict, language="nl"):
    """Read q, the facet filters, sort, page and page_size; return (SearchParams, errors).

    Errors are dicts {"name", "reason"} (the NL API Design Rules' invalid-params); a value we can't
    use is replaced by its default, so the page can still show something. Unknown facet values are
    kept: they simply match nothing.
    """
    errors = []
    query = " ".join(str(querydict.get("q", "") or "").split())
    if len(query) > MAX_QUERY_LENGTH:
        errors.append(
            {
                "name": "q",
                "reason": _("De zoekvraag mag hoogstens %(max)s tekens lang zijn.")
                % {"max": MAX_QUERY_LENGTH},
            }
        )
        query = query[:MAX_QUERY_LENGTH]

    filters = {}
    for facet in registry.facets():
        name = facet.name
        values = []
        for raw in querydict.getlist(name) if hasattr(querydict, "getlist") else []:
            for value in str(raw).split(","):
                value = value.strip()
                if not value:
                    continue
                if not VALUE_RE.match(value):
                    errors.append({"name": name, "reason": _("Onbekende waarde.")})
                    continue
                if facet.normalise is not None:
                    value = facet.normalise(value)
                problem = facet.validate(value) if facet.validate is not None else None
                if problem:
                    errors.append({"name": name, "reason": problem})
                    continue
                if value not in values:
                    values.append(value)
        if len(values) > MAX_VALUES_PER_FACET:
            errors.append({"name": name, "reason": _("Te veel waarden tegelijk.")})
            values = values[:MAX_VALUES_PER_FACET]
        if values:
            filters[name] = tuple(values)

    sort = str(querydict.get("sort", "") or "").strip()
    if sort and sort not in SORTS:
        errors.append(
            {"name": "sort", "reason": _("Kies 'relevance' (relevantie) of 'newest' (nieuwste).")}
        )
        sort = ""
    if not sort:
        sort = "relevance" if query else "newest"

    page = _integer(querydict.get("page"), "page", 1, 1, MAX_PAGE, errors)
    page_size = _integer(
        querydict.get("page_size"), "page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE, errors
    )
    params = SearchParams(
        query=query, language=language, filters=filters, sort=sort, page=page, page_size=page_size
    )
    return params, errors
