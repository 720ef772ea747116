"""What a visitor sees when a form is refused for a missing or stale CSRF token (an expired session,
a blocked cookie, a form left open for days): a clear Dutch message, and the typed text kept.

A page whose form should survive this implements `render_after_csrf_failure(request)`: it answers
with its form filled in from the refused POST and a fresh token, so resubmitting is one click.
"""

import logging

from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import Resolver404, resolve
from wagtail.models import Site

logger = logging.getLogger(__name__)


def routed_page(request):
    """The Wagtail page the refused request was sent to, or None."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    if match.url_name != "wagtail_serve":
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    path = match.args[0] if match.args else match.kwargs.get("path", "")
    components = [part for part in path.split("/") if part]
    try:
        root = site.root_page.localized.specific
        return root.route(request, components).page.specific
    except Http404:
        return None


def csrf_failure(request, reason=""):
    logger.info("Form refused by the CSRF check at %s: %s", request.path, reason)
    if request.method == "POST":
        page = routed_page(request)
        if page is not None and hasattr(page, "render_after_csrf_failure"):
            return page.render_after_csrf_failure(request)
    return TemplateResponse(request, "operations/csrf_failure.html", status=403)
