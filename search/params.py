"""Turn a query string into SearchParams, with a Dutch message for everything we cannot use."""

from django.utils.translation import gettext_lazy as _

from search import registry
from search.types import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, SORTS, SearchParams

MAX_QUERY_LENGTH = 200
MAX_PAGE = 1000  # deeper than anyone pages; keeps offsets sane
MAX_VALUES_PER_FACET = 50
MAX_VALUE_LENGTH = 100  # longer than any slug or code


def _integer(raw, name, default, minimum, maximum, errors, strict=False):
    if raw is None or (raw == "" and not strict):
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


def parse_params(querydict, language="nl", strict=False):
    """Read q, the facet filters, sort, page and page_size; return (SearchParams, errors).

    Errors are dicts {"name", "reason"} (the NL API Design Rules' invalid-params); a value we can't
    use is replaced by its default, so the page can still show something. Facet values are never
    an error: a value no term has (whatever its spelling) simply matches nothing, as the OpenAPI
    document says. Control characters and invalid UTF-8 never get here (operations.bad_input).
    `strict` (the API): an empty page or page_size is an error, not the default, as documented.
    """
    errors = []
    raw_query = str(querydict.get("q", "") or "")
    query = " ".join(raw_query.split())
    if len(raw_query) > MAX_QUERY_LENGTH:
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
        raws = querydict.getlist(name) if hasattr(querydict, "getlist") else []
        if len(raws) > MAX_VALUES_PER_FACET:
            errors.append({"name": name, "reason": _("Te veel waarden tegelijk.")})
        for raw in raws[:MAX_VALUES_PER_FACET]:
            if len(str(raw)) > MAX_VALUE_LENGTH:
                errors.append(
                    {
                        "name": name,
                        "reason": _("Een waarde mag hoogstens %(max)s tekens lang zijn.")
                        % {"max": MAX_VALUE_LENGTH},
                    }
                )
                continue
            for value in str(raw).split(","):
                value = value.strip()
                if not value:
                    continue
                if facet.normalise is not None:
                    value = facet.normalise(value)
                problem = facet.validate(value) if facet.validate is not None else None
                if problem:
                    errors.append({"name": name, "reason": problem})
                    continue
                if value not in values:
                    values.append(value)
        values = values[:MAX_VALUES_PER_FACET]
        if values:
            filters[name] = tuple(values)

    sort = str(querydict.get("sort", "") or "")
    if sort and sort not in SORTS:
        errors.append(
            {"name": "sort", "reason": _("Kies 'relevance' (relevantie) of 'newest' (nieuwste).")}
        )
        sort = ""
    if not sort:
        sort = "relevance" if query else "newest"

    page = _integer(querydict.get("page"), "page", 1, 1, MAX_PAGE, errors, strict)
    page_size = _integer(
        querydict.get("page_size"),
        "page_size",
        DEFAULT_PAGE_SIZE,
        1,
        MAX_PAGE_SIZE,
        errors,
        strict,
    )
    params = SearchParams(
        query=query, language=language, filters=filters, sort=sort, page=page, page_size=page_size
    )
    return params, errors
