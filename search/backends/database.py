"""Wagtail's database search backend, with a faster bulk index on PostgreSQL.

`SearchBackend` picks the backend for the default database exactly as Wagtail's
`wagtail.search.backends.database` does, except that on PostgreSQL the index adds objects in bulk
(an import, `update_index`) with less work per object: see search/backends/postgres.py.
"""

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
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
    params = {**params, "SEARCH_CONFIG": SEARCH_CONFIG}
    if connection.vendor == "postgresql":
        # Imported here: it needs psycopg and contrib.postgres, which SQLite sites need not have.
        from search.backends.postgres import PostgresSearchBackend

        return PostgresSearchBackend(params)
    return default_search_backend(params)
