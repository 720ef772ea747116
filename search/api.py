"""The search API (GET /api/v1/search, /api/v1/autocomplete) and its OpenAPI document; errors as
application/problem+json following the NL API Design Rules."""

import json

from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from search import registry
from search.openapi import openapi_document
from search.params import parse_params
from search.service import autocomplete, search

API_VERSION = "1.0.0"
LANGUAGES = ("nl", "en")


def _language(request):
    """?lang= wins; then Accept-Language; Dutch by default."""
    if "lang" in request.GET:  # given, it must be exactly nl or en (also not empty), as documented
        requested = request.GET["lang"]
        return requested if requested in LANGUAGES else None
    # The API lives outside i18n_patterns, so read Accept-Language (and the language cookie) here.
    current = (translation.get_language_from_request(request) or "nl")[:2]
    return current if current in LANGUAGES else "nl"


def _headers(response):
    response["API-Version"] = API_VERSION
    response["Link"] = f'<{reverse("api_openapi")}>; rel="describedby"'
    return response


def problem(status, title, detail, invalid_params=None):
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    if invalid_params:
        body["invalid-params"] = [
            {"name": item["name"], "reason": str(item["reason"])} for item in invalid_params
        ]
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False),
        status=status,
        content_type="application/problem+json",
    )
    return _headers(response)


def serialise_hit(hit, absolute):
    """A hit as JSON: its own fields, then each facet's terms under the facet's hit field, then every
    registered hit field (empty on hits of types without it)."""
    item = {
        "title": hit.title,
        "url": absolute(hit.url),
        "summary": hit.summary,
        "snippet": str(hit.snippet),
        "date": hit.date.isoformat() if hit.date else None,
        "promoted": hit.promoted,
    }
    for facet in registry.facets():
        if not facet.hit_field:
            continue
        terms = [term.as_json() for term in hit.terms.get(facet.name, [])]
        item[facet.hit_field] = (terms[0] if terms else None) if facet.single else terms
    item["type"] = hit.document_type
    for extra in registry.hit_fields():
        if extra.name in hit.extras:
            item[extra.name] = extra.as_json(hit.extras[extra.name], absolute)
        else:
            item[extra.name] = extra.empty
    return item


def serialise(results, request):
    def absolute(url):
        return request.build_absolute_uri(url) if url else url

    return {
        "count": results.count,
        "page": results.params.page,
        "page_size": results.params.page_size,
        "results": [serialise_hit(hit, absolute) for hit in results.hits],
        "facets": {
            name: [
                {"value": v.value, "label": v.label, "count": v.count}
                for v in results.facets.get(name, [])
            ]
            for name in registry.facet_names()
        },
        "suggestion": results.suggestion,
    }


def unknown_language():
    return problem(
        400,
        _("Ongeldige parameters"),
        _("De gevraagde taal bestaat niet."),
        [{"name": "lang", "reason": _("Kies 'nl' of 'en'.")}],
    )


# The API only reads, so it needs no CSRF token; exempt, an undeclared method (POST, QUERY…) gets
# require_GET's 405 instead of the CSRF refusal's 403.
@csrf_exempt
@require_GET
def search_api(request):
    language = _language(request)
    if language is None:
        return unknown_language()
    with translation.override(language):
        params, errors = parse_params(request.GET, language, strict=True)
        if errors:
            return problem(
                400,
                _("Ongeldige parameters"),
                _("Een of meer parameters hebben een waarde die niet gebruikt kan worden."),
                errors,
            )
        results = search(params)
        response = JsonResponse(
            serialise(results, request), json_dumps_params={"ensure_ascii": False}
        )
    response["X-Search-Backend"] = results.backend
    if results.degraded:
        response["Warning"] = '199 - "search engine unavailable; answered from the database"'
    return _headers(response)


@csrf_exempt
@require_GET
def autocomplete_api(request):
    language = _language(request)
    if language is None:
        return unknown_language()
    prefix = (request.GET.get("q") or "")[:100]
    with translation.override(language):
        search_url = reverse("search")
        suggestions = []
        for item in autocomplete(prefix, language, limit=8):
            url = item.url
            if not url and item.kind in registry.facet_names():
                url = f"{search_url}?{item.kind}={item.value}"
            suggestions.append(
                {"label": item.label, "type": item.kind, "url": url, "value": item.value}
            )
    return _headers(
        JsonResponse({"suggestions": suggestions}, json_dumps_params={"ensure_ascii": False})
    )


@csrf_exempt
@require_GET
def openapi_view(request):
    return _headers(
        JsonResponse(openapi_document(request), json_dumps_params={"ensure_ascii": False})
    )
