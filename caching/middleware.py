"""Public pages for anonymous visitors: Cache-Control, ETag with conditional GET, and a server-side
copy in Django's cache, dropped as soon as any content changes.

The cache keys carry the content version (`changes.version`), read from the database on every
cached request: a publish in another worker, or an import from the command line, renews it, and
every process stops using the copies made before. Listings, counts, the map and the feeds depend
on many pages, so any change drops every page; the old copies simply expire.

Never cached (and marked `private, no-cache`): anything for a visitor with a session (editors,
previews), pages that hand out a CSRF token or set a cookie, the admin, documents (which may sit
in a restricted collection), and anything that is not a plain 200 answer.

The server keeps its copy PAGE_CACHE_SERVER_SECONDS: the key changes with the content, so keeping
it longer than shared caches may (PAGE_CACHE_SECONDS) never shows an old version; pages that change
with the clock (the agenda) are kept only PAGE_CACHE_SECONDS (`keep_briefly`). An answer the view
keeps from shared caches but that is the same for every visitor (a search with a query, which is
counted) is kept by the server alone (`server_copy_only`), and the count is made on every hit.
"""

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.utils import translation
from django.utils.cache import (
    add_never_cache_headers,
    get_cache_key,
    get_conditional_response,
    learn_cache_key,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.module_loading import import_string

from changes.version import current_version

CACHED_TYPES = (
    "text/html",
    "application/xml",
    "text/plain",
    "application/atom+xml",
    "application/rss+xml",
)
SKIPPED_PREFIXES = ("/admin/", "/documents/", "/api/", "/healthz", "/readyz")
VISITOR_STATE_COOKIES = ("messages",)  # besides the session cookie


def is_public_request(request):
    """An anonymous GET without visitor state: may be answered from, and stored in, the cache."""
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(SKIPPED_PREFIXES) or request.META.get("HTTP_AUTHORIZATION"):
        return False
    return not has_visitor_state(request)


def has_visitor_state(request):
    cookies = (settings.SESSION_COOKIE_NAME, *VISITOR_STATE_COOKIES)
    return any(name in request.COOKIES for name in cookies)


def is_personal(request, response):
    """The answer belongs to this visitor alone, or must be fresh every time."""
    if has_visitor_state(request) or response.cookies:
        return True
    if request.META.get("CSRF_COOKIE_USED") or getattr(request, "is_preview", False):
        return True
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def is_cacheable(response, decided_by_view=False):
    if response.status_code != 200 or response.streaming:
        return False
    if response.has_header("Cache-Control") and not decided_by_view:
        return False  # the view decided (robots.txt, the health checks, the admin)
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    return content_type in CACHED_TYPES


_last_seen = {}  # "version": the content version this process read last


def key_prefix():
    """The cache key prefix of the current content, or None when it cannot be known.

    While the database is unreachable nothing can change, so the version this process saw last
    still holds: cached pages keep being served through an outage."""
    try:
        version = current_version()
    except (OperationalError, InterfaceError):
        version = _last_seen.get("version")
        return None if version is None else f"page:{version}"
    _last_seen["version"] = version
    return f"page:{version}"


def language_of(request):
    """The language LocaleMiddleware (which runs later) will choose for this request: the address's
    (/en/… is English, an address without a prefix is Dutch), else the browser's for the few
    addresses outside the language patterns (sitemap.xml, robots.txt).

    The cache key carries the language; looking a page up under another language than it was
    stored under (the one the previous request in this thread left active) would miss."""
    urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
    patterns_used, prefixed_default = is_language_prefix_patterns_used(urlconf)
    if patterns_used and not prefixed_default:
        if not translation.get_language_from_path(request.path_info):
            return settings.LANGUAGE_CODE
    return translation.get_language_from_request(request, check_path=patterns_used)


def keep_briefly(response):
    """This answer changes with the clock, not only with the content: the server keeps it no
    longer than shared caches do (PAGE_CACHE_SECONDS)."""
    response.page_cache_seconds = settings.PAGE_CACHE_SECONDS
    return response


def server_copy_only(response, on_hit=None):
    """Keep this answer (which the view marked private for browsers and shared caches) in the
    server's page cache all the same, and on each answer from that copy call `on_hit`: (dotted
    path of a function, its arguments), e.g. counting the search the page shows."""
    response.page_cache_server_only = True
    response.page_cache_on_hit = on_hit
    return response


def server_seconds(response):
    return getattr(response, "page_cache_seconds", None) or settings.PAGE_CACHE_SERVER_SECONDS


def answered_from_copy(cached):
    on_hit = getattr(cached, "page_cache_on_hit", None)
    if on_hit:
        function, arguments = on_hit
        try:
            import_string(function)(*arguments)
        except (OperationalError, InterfaceError):
            pass  # the database is down: the page is still served, the count is lost


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        public = is_public_request(request)
        server_side = public and settings.PAGE_CACHE_SERVER_SIDE and settings.PAGE_CACHE_SECONDS > 0
        prefix = key_prefix() if server_side else None
        server_side = prefix is not None
        if server_side:
            with translation.override(language_of(request)):
                key = get_cache_key(request, prefix, "GET", cache=cache)
            cached = cache.get(key) if key else None
            if cached is not None:
                answered_from_copy(cached)
                cached["X-Page-Cache"] = "hit"
                return get_conditional_response(request, etag=cached["ETag"], response=cached)

        response = self.get_response(request)

        if is_personal(request, response):
            keep_private(response)
            return response
        if getattr(response, "page_cache_server_only", False):
            if server_side and is_cacheable(response, decided_by_view=True):
                set_response_etag(response)
                store(request, response, prefix)
            return response
        if not public or not is_cacheable(response):
            return response
        set_response_etag(response)
        patch_cache_control(
            response,
            public=True,
            max_age=settings.PAGE_BROWSER_CACHE_SECONDS,
            s_maxage=settings.PAGE_CACHE_SECONDS,
        )
        # The page differs for a logged-in editor (userbar): shared caches must tell them apart.
        patch_vary_headers(response, ("Cookie",))
        if server_side:
            store(request, response, prefix)
        return get_conditional_response(request, etag=response["ETag"], response=response)


def store(request, response, prefix):
    seconds = server_seconds(response)
    key = learn_cache_key(request, response, seconds, prefix, cache)
    cache.set(key, response, seconds)
    response["X-Page-Cache"] = "miss"


def keep_private(response):
    """Nothing personal or one-off may land in a shared cache, nor be reused without asking."""
    if "no-store" in response.get("Cache-Control", ""):
        return
    add_never_cache_headers(response)
