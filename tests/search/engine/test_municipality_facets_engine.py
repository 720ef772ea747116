"""The "inwonersklasse" facet and the "lijkt op mijn gemeente" filter on the engine path: the same
results, disjunctive counts and marks as the database engine."""

import datetime

import pytest
from django.http import QueryDict

from home.site_structure import ensure_site_structure
from practices.models import Municipality, Theme
from search.engines.database import DatabaseEngine
from search.params import parse_params
from search.service import search
from tests.factories import PracticeIndexPageFactory, make_practice

pytestmark = pytest.mark.engine

# Delft's most similar municipality is Leiden; Amsterdam's is Rotterdam (tests/practices/
# test_municipality_figures.py says why).
CASES = [
    ("Leiden leert van de wijk", "GM0546", "jeugdzorg"),
    ("Delft werkt met de wijkteams", "GM0503", "jeugdzorg"),
    ("Amsterdam vraagt naar de bedoeling", "GM0363", "de-bedoeling"),
    ("Vlieland regelt jeugdzorg op het eiland", "GM0096", "jeugdzorg"),
    ("Rotterdam schrapt regels", "GM0599", "de-bedoeling"),
]


@pytest.fixture(scope="module")
def content(module_db, module_engine):
    index = PracticeIndexPageFactory(parent=ensure_site_structure())
    for number, (title, code, theme) in enumerate(CASES):
        make_practice(
            index,
            title,
            municipality=Municipality.objects.get(cbs_code=code),
            themes=[Theme.objects.get(slug=theme, locale__language_code="nl")],
            practice_date=datetime.date(2017 + number, 3, 1),
        )
    module_engine.rebuild()


def both_engines(query):
    querydict = QueryDict(query)
    params, errors = parse_params(querydict, "nl")
    assert errors == []
    return search(params), search(params, engine=DatabaseEngine())


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "size_class=100000-150000",
        "size_class=100000-150000&theme=jeugdzorg",
        "size_class=tot-5000&size_class=250000-of-meer",
        "similar_to=GM0503",
        "similar_to=GM0503&similar_to=GM0363&theme=de-bedoeling",
    ],
)
def test_engine_counts_size_classes_and_similar_municipalities_as_the_database(content, query):
    engine, database = both_engines(query)
    assert engine.backend == "elasticsearch"
    assert engine.count == database.count > 0
    assert engine.facets == database.facets
    assert {h.page_id for h in engine.hits} == {h.page_id for h in database.hits}
    assert {h.page_id: h.terms for h in engine.hits} == {h.page_id: h.terms for h in database.hits}


@pytest.mark.django_db
def test_engine_size_class_counts_are_disjunctive(content, client):
    data = client.get("/api/v1/search?size_class=100000-150000").json()
    assert data["count"] == 2
    assert {v["value"]: v["count"] for v in data["facets"]["size_class"]} == {
        "tot-5000": 1,
        "100000-150000": 2,
        "250000-of-meer": 2,
    }


@pytest.mark.django_db
def test_engine_marks_results_like_my_municipality(content, client):
    response = client.get("/api/v1/search?similar_to=GM0503")
    assert response["X-Search-Backend"] == "elasticsearch"
    results = response.json()["results"]
    assert [hit["title"] for hit in results] == ["Leiden leert van de wijk"]
    assert results[0]["similar_to"] == [{"value": "GM0503", "label": "Delft"}]
