"""Security headers: a strict Content-Security-Policy on the public site, a relaxed one scoped to
the Wagtail admin (which needs inline scripts and styles), and a Permissions-Policy everywhere.

HSTS, X-Content-Type-Options, Referrer-Policy and Cross-Origin-Opener-Policy come from Django's
SecurityMiddleware (see settings); this middleware adds what Django 5.2 does not have.
"""

from django.conf import settings

# Public pages: nothing inline, everything from our own origin. Editors' video embeds need frame-src.
PUBLIC_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "media-src": ["'self'"],
    "frame-src": [],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

# The Wagtail admin renders inline scripts/styles (Draftail, Stimulus controllers, previews in an
# iframe of our own origin), so it gets its own policy; only logged-in editors ever load it.
ADMIN_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "media-src": ["'self'"],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}

PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), fullscreen=(self)"
)


def build_policy(base, extra_sources, secure):
    directives = {name: list(values) for name, values in base.items()}
    for name, values in extra_sources.items():
        directives.setdefault(name, [])
        directives[name] += [value for value in values if value not in directives[name]]
    parts = [f"{name} {' '.join(values)}" for name, values in directives.items() if values]
    if secure:
        parts.append("upgrade-insecure-requests")
    return "; ".join(parts)


def is_admin_path(path):
    return any(path.startswith(prefix) for prefix in settings.CSP_ADMIN_PATH_PREFIXES)


class SecurityHeadersMiddleware:
    """Adds Content-Security-Policy (or its Report-Only variant) and Permissions-Policy."""

    def __init__(self, get_response):
        self.get_response = get_response
        extra = getattr(settings, "CSP_EXTRA_SOURCES", {})
        self.policies = {
            (admin, secure): build_policy(ADMIN_POLICY if admin else PUBLIC_POLICY, extra, secure)
            for admin in (False, True)
            for secure in (False, True)
        }
        self.header = (
            "Content-Security-Policy-Report-Only"
            if getattr(settings, "CSP_REPORT_ONLY", False)
            else "Content-Security-Policy"
        )

    def __call__(self, request):
        response = self.get_response(request)
        if settings.DEBUG and response.status_code >= 400:
            # Django's technical error pages are styled inline; they only exist with DEBUG on.
            response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
            return response
        policy = self.policies[(is_admin_path(request.path), request.is_secure())]
        response.headers.setdefault(self.header, policy)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
