"""Bad input stopped at the door: control characters, invalid UTF-8 and absurd lengths in the path,
the query string or a header get a clear 400 here, so no view has to remember (a NUL byte reaching
PostgreSQL, or a lone surrogate reaching a template, would otherwise be a 500).

Form bodies are left to the forms: Django's form fields refuse NUL with a message beside the field
and keep what was typed, which a page from here could not do."""

import json
import re
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.http import HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import add_never_cache_headers

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_VALUE_LENGTH = 2000  # characters in one query-string value; the search box takes 200
MAX_QUERY_STRING_BYTES = 16_384
MAX_HEADER_LENGTH = 8192
API_PREFIX = "/api/"


def problem_in_query_string(query_string):
    """The first thing wrong with a raw query string, as (parameter name, reason), or None."""
    if len(query_string) > MAX_QUERY_STRING_BYTES:
        return "", _("De zoekopdracht in het adres is te lang.")
    for pair in query_string.split("&"):
        if not pair:
            continue
        raw_name, _sep, raw_value = pair.partition("=")
        decoded = []
        for raw in (raw_name, raw_value):
            try:
                decoded.append(unquote_to_bytes(raw.replace("+", " ")).decode("utf-8"))
            except UnicodeDecodeError:
                return raw_name[:50], _("Bevat tekens die geen geldige tekst (UTF-8) zijn.")
        name, value = decoded
        if CONTROL.search(name) or CONTROL.search(value):
            return name[:50], _("Bevat onzichtbare stuurtekens, zoals een nulbyte.")
        if len(value) > MAX_VALUE_LENGTH or len(name) > MAX_VALUE_LENGTH:
            return name[:50], _("Is langer dan %(max)s tekens.") % {"max": MAX_VALUE_LENGTH}
    return None


def problem_in_request(request):
    if CONTROL.search(request.path_info):
        return "path", _("Het adres bevat onzichtbare stuurtekens, zoals een nulbyte.")
    found = problem_in_query_string(request.META.get("QUERY_STRING", ""))
    if found:
        return found
    for key, value in request.META.items():
        if key.startswith("HTTP_") and isinstance(value, str):
            if len(value) > MAX_HEADER_LENGTH or CONTROL.search(value):
                header = key[5:].replace("_", "-").title()
                return header, _("Deze header is te lang of bevat stuurtekens.")
    return None


def language_for(request):
    return translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE[:2]


def bad_request(request, name, reason):
    """A 400 that says what was wrong: problem+json on the API, a plain styled page elsewhere."""
    with translation.override(language_for(request)):
        title = _("Dit adres kunnen we niet lezen")
        detail = _("Er staat iets in het adres dat we niet kunnen gebruiken.")
        if request.path_info.startswith(API_PREFIX):
            body = {
                "type": "about:blank",
                "title": title,
                "status": 400,
                "detail": detail,
                "invalid-params": [{"name": name, "reason": str(reason)}],
            }
            response = HttpResponse(
                json.dumps(body, ensure_ascii=False),
                status=400,
                content_type="application/problem+json",
            )
        else:
            # No request context: the request is exactly what we don't trust.
            html = loader.render_to_string(
                "operations/400.html",
                {
                    "LANGUAGE_CODE": translation.get_language(),
                    "title": title,
                    "detail": detail,
                    "name": name,
                    "reason": reason,
                },
            )
            response = HttpResponse(html, status=400)
    add_never_cache_headers(response)
    return response


class BadInputMiddleware:
    """Answers 400 before any view sees a request it could not handle safely."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        found = problem_in_request(request)
        if found:
            return bad_request(request, *found)
        return self.get_response(request)
