"""The search page: query box, facets with counts, active filters, sort, pagination and suggestions."""

import dataclasses
from urllib.parse import urlencode

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from caching.middleware import server_copy_only
from search import registry
from search.params import parse_params
from search.querystring import search_query
from search.service import search
from search.statistics import record_opened, record_search

MAX_BEACON_LENGTH = 500


def facet_order():
    """The kind of result first: it splits the results most plainly; then the registered facets."""
    facets = registry.facets()
    return sorted(facets, key=lambda facet: facet.name != registry.TYPE_FACET)


def search_page(request):
    language = (get_language() or "nl")[:2]
    params, errors = parse_params(request.GET, language)
    typed = params.query
    literal = request.GET.get("literal") == "1"
    results = search(dataclasses.replace(params, interpret=not literal))
    params = results.params

    facets = []
    active = []
    # A place read from the question is shown (and removed) in the notice of how it was read.
    places = results.reading.places if results.reading else ()
    read_as_place = {(place.facet, value) for place in places for value in place.values}
    labels = {facet.name: facet.label for facet in registry.facets()}
    for facet in facet_order():
        name = facet.name
        values = results.facets.get(name, [])
        for value in values:
            if value.selected and (name, value.value) not in read_as_place:
                active.append(
                    {
                        "facet": facet.label,
                        "label": value.label,
                        "remove_url": search_query(params, remove=(name, value.value)),
                    }
                )
        if values:
            facets.append(
                {
                    "name": name,
                    "label": facet.label,
                    "values": values,
                    "open": not facet.collapsed or any(v.selected for v in values),
                }
            )
    drop_filters = [
        {
            "facet": labels.get(name, name),
            "count": count,
            "url": search_query(params, drop_facet=name),
        }
        for name, count in results.relaxations.items()
        if count > results.count
    ]
    pages = {
        "previous": search_query(params, page=params.page - 1) if params.page > 1 else None,
        "next": search_query(params, page=params.page + 1)
        if params.page < results.num_pages
        else None,
    }
    context = {
        # The words searched: a place read from the question is a filter instead (the notice
        # says so), so unticking that filter does not bring it back.
        "query": params.query,
        "params": params,
        "results": results,
        "errors": errors,
        "facets": facets,
        "active_filters": active,
        "clear_url": "?" + urlencode({"q": params.query}) if params.query else "?",
        "drop_filters": drop_filters,
        "pages": pages,
        "suggestion_url": search_query(params, query=results.suggestion)
        if results.suggestion
        else None,
        "sort_options": [("relevance", _("Relevantie")), ("newest", _("Nieuwste eerst"))],
        "first_result": (params.page - 1) * params.page_size + 1,
        "typed_query": typed,  # what the visitor typed: what opened results are counted for
        **reading_context(results, typed),
    }
    response = TemplateResponse(request, "search/search_page.html", context)
    response["X-Search-Backend"] = results.backend  # "database" when Elasticsearch could not answer
    if typed:
        counted = (typed, results.count) if params.page == 1 else None
        if counted:
            record_search(*counted)
        # Counted per search, so never kept by a shared cache; the browser may keep it briefly
        # for back and forward. The server keeps a copy (the same for every visitor) and counts
        # the search again on every answer from it; not an answer the database gave in the
        # engine's place, which would stay after the engine is back.
        patch_cache_control(response, private=True, max_age=60)
        if not results.degraded:
            server_copy_only(
                response, on_hit=("search.statistics.record_search", counted) if counted else None
            )
    return response


def reading_context(results, typed):
    """The notice of how the query was read: the places applied (with a link to search all the
    typed words instead), the places an ambiguous name may mean, the places that found nothing."""
    reading = results.reading
    if reading is None:
        return {}
    literal = dataclasses.replace(results.params, query=typed, filters=dict(results.params.filters))
    for place in reading.places:
        literal.filters[place.facet] = tuple(
            v for v in literal.filters.get(place.facet, ()) if v not in place.values
        )
    literal_url = search_query(literal, sort="relevance")
    return {
        "reading": reading,
        "reading_places": ", ".join(str(place) for place in reading.places),
        "reading_not_found": ", ".join(str(place) for place in reading.not_found),
        "literal_url": literal_url + ("&" if literal_url != "?" else "") + "literal=1",
        "place_suggestions": [
            {"place": str(s.place), "count": s.count, "url": search_query(s.params)}
            for s in reading.suggestions
        ],
    }


@csrf_exempt  # a counter, sent by navigator.sendBeacon from a page that may be cached (no token)
@require_POST
def result_opened(request):
    """A visitor opened a result of their search (static/js/search-log.js): one count, nothing else."""
    record_opened(request.POST.get("q", "")[:MAX_BEACON_LENGTH])
    return HttpResponse(status=204)
