"""Absolute addresses for the outside world: canonical links, sitemaps, feeds and social cards."""

from django.conf import settings


def absolute(request, path):
    """The address as this request reached us (scheme and host checked by ALLOWED_HOSTS)."""
    if not path:
        return ""
    if path.startswith(("http://", "https://")):
        return path
    if request is None:
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
    return request.build_absolute_uri(path)
