"""Wagtail's database search backend, held to the one text search configuration that fits text
search.analysis has already analysed."""

from django.core.exceptions import ImproperlyConfigured
from modelsearch.backends.database import SearchBackend as default_search_backend

# PostgreSQL's text search configuration for the index and every query: the texts are the tokens
# of search.analysis, already stemmed; "simple" only lowercases and splits them, where "dutch"
# would stem them again (plaats → plat) and drop some as stop words (had, werd).
SEARCH_CONFIG = "simple"


def SearchBackend(params):  # noqa: N802 (Wagtail looks the backend up by this name)
    if params.get("SEARCH_CONFIG", SEARCH_CONFIG) != SEARCH_CONFIG:
        raise ImproperlyConfigured(
            f"SEARCH_CONFIG must be {SEARCH_CONFIG!r}: search.analysis analyses the text once."
        )
    return default_search_backend({**params, "SEARCH_CONFIG": SEARCH_CONFIG})
