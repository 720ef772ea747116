"""The friendly 503 shown while the database is unreachable, instead of a stack trace or a bare 500."""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils import translation
from django.views.decorators.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def is_database_outage(exception):
    return isinstance(exception, DATABASE_ERRORS)


def mark_database_outage(sender, request=None, **kwargs):
    """got_request_exception receiver: remember that this request failed on the database."""
    exception = sys.exc_info()[1]
    if request is not None and is_database_outage(exception):
        request._database_outage = True


def service_unavailable(request):
    """A styled 503 in the visitor's language; renders without touching the database."""
    language = translation.get_language_from_path(request.path_info) or "nl"
    with translation.override(language):
        # No request context: context processors may need the database that is down.
        html = loader.render_to_string(
            "operations/503.html", {"LANGUAGE_CODE": language, "retry_after": RETRY_AFTER_SECONDS}
        )
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class DatabaseOutageMiddleware:
    """Turns OperationalError/InterfaceError anywhere inside it into the friendly 503.

    Django reconnects on the next request (CONN_HEALTH_CHECKS), so the site recovers by itself.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, "_database_outage", False):
            return service_unavailable(request)
        return response

    def process_exception(self, request, exception):
        if is_database_outage(exception):
            logger.warning(
                "Database unavailable, answering 503 for %s: %s", request.path, exception
            )
            return service_unavailable(request)
        return None
