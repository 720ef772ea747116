"""The PostgreSQL index adds pages in bulk (imports, update_index) writing exactly the rows
modelsearch's own index writes, and what it writes is found by search."""

import pytest
from django.db import connection
from wagtail.search.backends import get_search_backend

from practices.models import PracticePage

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the bulk index differs from Wagtail's on PostgreSQL"
)

COLUMNS = (
    "object_id, title::text, autocomplete::text, body::text, title_norm, title_text, body_text"
)


def index_rows():
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {COLUMNS} FROM wagtailsearch_indexentry ORDER BY object_id")  # noqa: S608
        return cursor.fetchall()


def rows_after_bulk_add(index, pages):
    index.reset()
    index.add_items(PracticePage, pages)
    return index_rows()


@pytest.mark.django_db
def test_bulk_index_writes_the_rows_modelsearch_writes(practices):
    from modelsearch.backends.database.postgres.postgres import PostgresIndex as Modelsearch

    from search.backends.postgres import PostgresIndex

    backend = get_search_backend()
    pages = list(PracticePage.objects.all())
    # One page with an empty text field: vectors of another shape.
    pages[0].summary = ""

    expected = rows_after_bulk_add(Modelsearch(backend), pages)
    written = rows_after_bulk_add(PostgresIndex(backend), pages)

    assert len(written) == len(pages)
    assert written == expected


@pytest.mark.django_db
def test_pages_added_in_bulk_are_found(practices):
    from wagtail.search.models import IndexEntry

    backend = get_search_backend()
    IndexEntry.objects.all().delete()
    assert not backend.search("inkopers jeugdzorg", PracticePage)

    backend.add_bulk(PracticePage, list(PracticePage.objects.all()))

    found = backend.search("inkopers jeugdzorg", PracticePage)
    assert [page.title for page in found] == ["Inkopers jeugdzorg leren van elkaar"]
