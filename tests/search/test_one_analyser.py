"""search.analysis is the one analyser: the database index holds its tokens exactly, and a query
finds what Python's tokens say, not what a second stemmer makes of them (tijdens → tijden → tijd)."""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.search.models import IndexEntry

from search.analysis import analyse_tokens
from search.params import parse_params
from search.service import search
from tests.factories import make_practice

pytestmark = pytest.mark.django_db

# Words whose Python token a Dutch stemmer would change again: tijdens → tijden (→ tijd),
# mensen → mens (→ men), huisartsen → huisarts (→ huisart), plaatsen → plaats (→ plat).
TWICE_STEMMED = "Huisartsen plaatsen tijdens de lunch mensen op de wachtlijst."


def titles(query):
    params, _ = parse_params({"q": query}, "nl")
    return [hit.title for hit in search(params).hits]


def index_lexemes(page):
    """The words of the page's body vector in PostgreSQL's index."""
    content_type = ContentType.objects.get_for_model(page)
    body = IndexEntry.objects.get(content_type=content_type, object_id=str(page.pk)).body
    return set(re.findall(r"'([^']+)'", str(body)))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite's index has no stemmer")
def test_postgres_index_holds_exactly_the_python_tokens(practice_index, places):
    page = make_practice(
        practice_index,
        "Wachtlijst bij de huisarts",
        municipality=places["leiden"],
        summary=TWICE_STEMMED,
    )
    lexemes = index_lexemes(page)
    assert lexemes == set(page.search_body_text().split())
    assert {"tijden", "mens", "huisarts", "plaats"} <= lexemes


def test_a_word_is_not_found_under_the_stem_of_its_stem(practice_index, places):
    assert analyse_tokens("tijdens") == ["tijden"] and analyse_tokens("tijd") == ["tijd"]
    make_practice(
        practice_index,
        "Overleg in de lunchpauze",
        municipality=places["leiden"],
        summary=TWICE_STEMMED,
    )
    make_practice(
        practice_index,
        "Tijd voor elkaar",
        municipality=places["leiden"],
        summary="Consulenten nemen de tijd.",
    )

    assert titles("tijd") == ["Tijd voor elkaar"]
    assert titles("tijdens de lunch") == ["Overleg in de lunchpauze"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="only PostgreSQL had a stemmer")
def test_migrating_rebuilds_rows_the_dutch_configuration_wrote(practice_index, places):
    from django.db.migrations.loader import MigrationLoader
    from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend

    from search.reindex import REBUILD_AFTER, rebuild_database_index

    page = make_practice(
        practice_index,
        "Overleg in de lunchpauze",
        municipality=places["leiden"],
        summary=TWICE_STEMMED,
    )
    PostgresSearchBackend({"SEARCH_CONFIG": "dutch"}).add(page)  # as before the migration
    assert "tijden" not in index_lexemes(page)

    graph = MigrationLoader(connection).graph
    rebuild_database_index(plan=[(graph.nodes[key], False) for key in REBUILD_AFTER], verbosity=0)

    assert index_lexemes(page) == set(page.search_body_text().split())
    assert titles("tijd") == []
