"""Rebuilding the database search index after a migration changed how its rows are written.

A migration cannot do it itself: indexing reads the page models as they are now, which only match
their tables once every migration has run. So the migration is a marker, and this `post_migrate`
receiver rebuilds the index when the marker was applied in this run.
"""

from django.core.management import call_command
from django.db import connections

# Migrations after which rows the database index already holds are wrong.
REBUILD_AFTER = {("search", "0007_postgres_simple_configuration")}


def rebuild_database_index(plan=None, using="default", verbosity=1, **kwargs):
    """Rebuild Wagtail's database index if a migration in REBUILD_AFTER was just applied to a
    PostgreSQL database that has index rows (a fresh database has none: nothing to redo)."""
    from wagtail.search.models import IndexEntry

    applied = {(m.app_label, m.name) for m, backwards in plan or () if not backwards}
    if not applied & REBUILD_AFTER or connections[using].vendor != "postgresql":
        return
    if not IndexEntry.objects.using(using).exists():
        return
    call_command("update_index", backend_name="default", verbosity=verbosity)
