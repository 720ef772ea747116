"""Production: every secret and address from the environment; refuses to start on development
defaults. The README's Operations section lists the variables."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DEVELOPMENT_SECRET_KEY, SECRET_KEY, STORAGES, env_bool, env_list


def required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Set {name} in the environment (see README, Operations).")
    return value


DEBUG = False
if env_bool("DEBUG", False):
    raise ImproperlyConfigured("DEBUG must be off in production.")
if not SECRET_KEY or SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 40:
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a long random value (50+ characters); the development key is refused."
    )
required("DATABASE_URL")  # no silent SQLite file in production
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # Each gunicorn thread keeps its connection (as with PostgreSQL) instead of opening the file
    # anew for every request; a restore writes into the same file, so it is seen at once.
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))  # noqa: F405
required("ALLOWED_HOSTS")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
WAGTAILADMIN_BASE_URL = required("WAGTAILADMIN_BASE_URL")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS") or [WAGTAILADMIN_BASE_URL.rstrip("/")]

# Background work goes to the database queue unless explicitly configured otherwise.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database").strip().lower()
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if TASKS_BACKEND == "database"
            else "django_tasks.backends.immediate.ImmediateBackend"
        ),
        "QUEUES": [],
    }
}

# Static files: hashed names served by WhiteNoise with far-future caching (run collectstatic).
STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}

# Media: local disk (MEDIA_ROOT) unless an S3-compatible bucket is configured.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
if AWS_STORAGE_BUCKET_NAME:
    s3_options = {
        "bucket_name": AWS_STORAGE_BUCKET_NAME,
        "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("S3_REGION_NAME") or None,
        "custom_domain": os.environ.get("S3_CUSTOM_DOMAIN") or None,
        "location": os.environ.get("S3_LOCATION", ""),
        "default_acl": os.environ.get("S3_DEFAULT_ACL") or None,
        # Private buckets get signed, expiring links; public ones plain URLs.
        "querystring_auth": env_bool("S3_QUERYSTRING_AUTH", True),
        "file_overwrite": False,
    }
    if os.environ.get("S3_ACCESS_KEY_ID"):
        s3_options["access_key"] = os.environ["S3_ACCESS_KEY_ID"]
        s3_options["secret_key"] = required("S3_SECRET_ACCESS_KEY")
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": s3_options}
    # Images and documents then come from the bucket: allow them in the CSP.
    media_origin = (
        s3_options["custom_domain"]
        or s3_options["endpoint_url"]
        or (f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com")
    )
    if not media_origin.startswith("http"):
        media_origin = f"https://{media_origin}"
    CSP_EXTRA_SOURCES["img-src"].append(media_origin)  # noqa: F405
    CSP_EXTRA_SOURCES["media-src"].append(media_origin)  # noqa: F405

# HTTPS: the reverse proxy terminates TLS and says so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Load balancers probe over plain HTTP inside the network; a redirect would read as "down".
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST", False)

# Behind the reverse proxy every visitor has REMOTE_ADDR 127.0.0.1; the contribution form's rate
# limit needs the client's address, which the documented nginx config sets in X-Real-IP.
CONTRIBUTION_CLIENT_IP_HEADER = os.environ.get("CONTRIBUTION_CLIENT_IP_HEADER", "HTTP_X_REAL_IP")

# Outgoing mail must be real in production.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
