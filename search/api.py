"""The search API (GET /api/v1/search, /api/v1/autocomplete) and its OpenAPI document; errors as
application/problem+json following the NL API Design Rules."""

import json

from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from search.openapi import openapi_document
from search.params import parse_params
from search.service import autocomplete, search_practices
from search.types import FACET_NAMES

API_VERSION = "1.0.0"
LANGUAGES = ("nl", "en")


def _language(request):
    """?lang= wins; then Accept-Language; Dutch by default."""
    requested = (request.GET.get("lang") or "").strip().lower()
    if requested:
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


def _term(term):
    return {"value": term.value, "label": term.label}


def serialise(results, request):
    def absolute(url):
        return request.build_absolute_uri(url) if url else url

    return {
        "count": results.count,
        "page": results.params.page,
        "page_size": results.params.page_size,
        "results": [
            {
                "title": hit.title,
                "url": absolute(hit.url),
                "summary": hit.summary,
                "snippet": str(hit.snippet),
                "date": hit.date.isoformat() if hit.date else None,
                "municipality": {
                    "value": hit.municipality.value,
                    "label": hit.municipality.label,
                    "cbs_code": hit.municipality.cbs_code,
                    "province": hit.municipality.province,
                }
                if hit.municipality
                else None,
                "themes": [_term(t) for t in hit.themes],
                "professional_groups": [_term(t) for t in hit.professional_groups],
                "learning_forms": [_term(t) for t in hit.learning_forms],
                "type": hit.document_type,
                "locations": [
                    {
                        "label": str(location.label),
                        "url": absolute(location.url),
                        "pages": list(location.pages),
                        "excerpt": str(location.excerpt),
                    }
                    for location in hit.locations
                ],
            }
            for hit in results.hits
        ],
        "facets": {
            name: [
                {"value": v.value, "label": v.label, "count": v.count}
                for v in results.facets.get(name, [])
            ]
            for name in FACET_NAMES
        },
        "suggestion": results.suggestion,
    }


@require_GET
def search_api(request):
    language = _language(request)
    if language is None:
        return problem(
            400,
            _("Ongeldige parameters"),
            _("De gevraagde taal bestaat niet."),
            [{"name": "lang", "reason": _("Kies 'nl' of 'en'.")}],
        )
    with translation.override(language):
        params, errors = parse_params(request.GET, language)
        if errors:
            return problem(
                400,
                _("Ongeldige parameters"),
                _("Een of meer parameters hebben een waarde die niet gebruikt kan worden."),
                errors,
            )
        results = search_practices(params)
        response = JsonResponse(
            serialise(results, request), json_dumps_params={"ensure_ascii": False}
        )
    response["X-Search-Backend"] = results.backend
    if results.degraded:
        response["Warning"] = '199 - "search engine unavailable; answered from the database"'
    return _headers(response)


@require_GET
def autocomplete_api(request):
    language = _language(request) or "nl"
    prefix = (request.GET.get("q") or "")[:100]
    with translation.override(language):
        search_url = reverse("search")
        suggestions = []
        for item in autocomplete(prefix, language, limit=8):
            url = item.url
            if not url and item.kind in ("theme", "municipality"):
                url = f"{search_url}?{item.kind}={item.value}"
            suggestions.append(
                {"label": item.label, "type": item.kind, "url": url, "value": item.value}
            )
    return _headers(
        JsonResponse({"suggestions": suggestions}, json_dumps_params={"ensure_ascii": False})
    )


@require_GET
def openapi_view(request):
    return _headers(
        JsonResponse(openapi_document(request), json_dumps_params={"ensure_ascii": False})
    )
