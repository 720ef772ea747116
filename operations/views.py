"""Machine endpoints: liveness, readiness and security.txt. No login, never cached."""

from datetime import UTC, timedelta

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import database_status, search_status


@never_cache
@require_GET
def liveness(request):
    """The process is up and answering; deliberately touches no database."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readiness(request):
    """200 while the database answers (search may be degraded: it falls back to the database)."""
    database = database_status()
    body = {"database": database, "search": search_status()}
    return JsonResponse(body, status=200 if database == "ok" else 503)


@never_cache
@require_GET
def security_txt(request):
    """RFC 9116 security.txt; contact and expiry come from the environment."""
    contacts = settings.SECURITY_TXT_CONTACTS
    if not contacts:
        raise Http404("security.txt is not configured")
    expires = settings.SECURITY_TXT_EXPIRES or (timezone.now() + timedelta(days=180))
    lines = [f"Contact: {contact}" for contact in contacts]
    lines.append(f"Expires: {expires.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}")
    lines.append("Preferred-Languages: nl, en")
    lines.append(f"Canonical: {request.build_absolute_uri('/.well-known/security.txt')}")
    if settings.SECURITY_TXT_POLICY:
        lines.append(f"Policy: {settings.SECURITY_TXT_POLICY}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
