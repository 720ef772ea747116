"""The settings production has with ELASTICSEARCH_URL set (kennisbank/settings/base.py), for an
engine that a test or a benchmark starts itself at `url`."""

from django.conf import settings
from django.test.utils import override_settings


def engine_settings(url, index_prefix, timeout=None, timeout_cap=None):
    backends = {
        "default": dict(settings.WAGTAILSEARCH_BACKENDS["default"]),
        "elasticsearch": {
            "BACKEND": "search.backends.elasticsearch",
            "URLS": [url],
            "INDEX_PREFIX": index_prefix,
            "TIMEOUT": settings.SEARCH_ENGINE_TIMEOUT if timeout is None else timeout,
            "ATOMIC_REBUILD": True,
            "AUTO_UPDATE": False,
        },
    }
    if timeout_cap is not None:
        backends["elasticsearch"]["TIMEOUT_CAP"] = timeout_cap
    return override_settings(ELASTICSEARCH_URL=url, WAGTAILSEARCH_BACKENDS=backends)
