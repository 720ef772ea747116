"""Searching through the API and the page with ELASTICSEARCH_URL set: the engine answers, with every
facet value, the same disjunctive counts as the database, highlights, and only what may be seen."""

import datetime

import pytest
from wagtail.models import Locale, PageViewRestriction

from home.site_structure import ensure_site_structure
from practices.models import Municipality
from search.engines.database import DatabaseEngine
from search.params import parse_params
from search.service import search
from tests.factories import (
    LearningFormFactory,
    PracticeIndexPageFactory,
    ProfessionalGroupFactory,
    ThemeFactory,
    make_practice,
)

pytestmark = pytest.mark.engine

MUNICIPALITY_COUNT = 13  # more than the 10 buckets Wagtail's .facet() would return


@pytest.fixture(scope="module")
def content(module_db, module_engine):
    """Demo-like practices: one on youth care in each of 13 municipalities, plus what must stay hidden."""
    home = ensure_site_structure()
    index = PracticeIndexPageFactory(parent=home)
    places = list(
        Municipality.objects.filter(is_current=True).order_by("cbs_code")[:MUNICIPALITY_COUNT]
    )
    jeugd = ThemeFactory(name="Jeugdzorg", slug="jeugdzorg")
    wijk = ThemeFactory(name="Wijkgericht werken", slug="wijkgericht-werken")
    inkoop = ThemeFactory(name="Inkoop en contractering", slug="inkoop-en-contractering")
    consulenten = ProfessionalGroupFactory(name="Consulenten", slug="consulenten")
    intervisie = LearningFormFactory(name="Intervisie", slug="intervisie")
    for number, place in enumerate(places):
        make_practice(
            index,
            f"Jeugdzorg dichtbij in {place.name}",
            municipality=place,
            themes=[jeugd] + ([wijk] if number % 2 else []) + ([inkoop] if number % 3 == 0 else []),
            professional_groups=[consulenten] if number % 4 == 0 else [],
            learning_forms=[intervisie] if number % 5 == 0 else [],
            summary="Een wijkteam biedt jeugdzorg dichtbij huis, samen met de school.",
            practice_date=datetime.date(2016 + number % 6, 3, 1),
        )
    make_practice(
        index,
        "Inkopers jeugdzorg leren van elkaar",
        municipality=places[0],
        themes=[inkoop],
        summary="Hoe inkopers van jeugdhulp samen beter inkopen.",
        practice_date=datetime.date(2019, 5, 1),
    )
    make_practice(
        index,
        "Geheimzinnig concept",
        municipality=places[1],
        summary="Nog niet klaar.",
        publish=False,
        live=False,  # never published: a draft
    )
    private = make_practice(
        index,
        "Verborgen praktijk",
        municipality=places[2],
        summary="Alleen voor ingelogde collega's.",
    )
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    edited = make_practice(
        index, "Buurtkamer open", municipality=places[3], summary="Open voor iedereen."
    )
    edited.title = "Zwijgzaam conceptwoord"
    edited.save_revision()  # a draft change of a live page: only the live title may be found

    english_home = home.get_translation(Locale.objects.get(language_code="en"))
    english_index = PracticeIndexPageFactory(parent=english_home, slug="practices")
    make_practice(
        english_index,
        "Youth care close to home",
        municipality=places[4],
        summary="A neighbourhood team offers jeugdzorg close to home.",
    )
    module_engine.rebuild()
    return {"places": places}


def api(client, **params):
    response = client.get("/api/v1/search", params)
    assert response.status_code == 200, response.content
    return response


@pytest.mark.django_db
def test_engine_answers_the_api(content, client):
    response = api(client, q="inkopers leren")
    assert response["X-Search-Backend"] == "elasticsearch"
    assert response.json()["results"][0]["title"] == "Inkopers jeugdzorg leren van elkaar"


@pytest.mark.django_db
def test_nonsense_query_finds_nothing(content, client):
    response = api(client, q="xqzvbnmw plofkraak")
    assert response["X-Search-Backend"] == "elasticsearch"
    assert response.json()["count"] == 0
    assert response.json()["results"] == []


@pytest.mark.django_db
def test_every_municipality_of_the_results_is_a_facet_value(content, client):
    data = api(client, q="jeugdzorg").json()
    codes = {value["value"] for value in data["facets"]["municipality"]}
    assert codes == {place.cbs_code for place in content["places"]}
    assert len(codes) > 10


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        {"q": "jeugdzorg"},
        {"q": "jeugdzorg", "theme": ["wijkgericht-werken", "inkoop-en-contractering"]},
        {"q": "jeugdzorg", "theme": "wijkgericht-werken", "year": ["2017", "2019"]},
        {"theme": "jeugdzorg", "professional_group": "consulenten", "learning_form": "intervisie"},
        {"municipality": "GM0014", "theme": "inkoop-en-contractering"},
    ],
)
def test_facet_counts_equal_the_database_engines(content, query):
    from django.http import QueryDict

    querydict = QueryDict(mutable=True)
    for name, value in query.items():
        querydict.setlist(name, value if isinstance(value, list) else [value])
    params, _errors = parse_params(querydict, "nl")
    engine_results = search(params)
    database_results = search(params, engine=DatabaseEngine())
    assert engine_results.backend == "elasticsearch"
    assert engine_results.count == database_results.count
    assert engine_results.facets == database_results.facets
    assert engine_results.relaxations == database_results.relaxations
    assert {h.page_id for h in engine_results.hits} == {h.page_id for h in database_results.hits}


@pytest.mark.django_db
def test_matching_words_are_highlighted_in_the_snippet(content, client):
    result = api(client, q="wijkteam school").json()
    snippet = result["results"][0]["snippet"]
    assert "<mark>wijkteam</mark>" in snippet.lower()
    assert "<mark>school</mark>" in snippet.lower()


@pytest.mark.django_db
@pytest.mark.parametrize("word", ["geheimzinnig", "verborgen", "zwijgzaam", "neighbourhood"])
def test_drafts_private_pages_and_other_languages_are_never_found(content, client, word):
    data = api(client, q=word).json()
    assert data["count"] == 0, data["results"]


@pytest.mark.django_db
def test_english_search_finds_only_english_pages(content, client):
    data = api(client, q="jeugdzorg", lang="en").json()
    assert [r["title"] for r in data["results"]] == ["Youth care close to home"]


@pytest.mark.django_db
def test_newest_first_pages_through_all_results(content, client):
    first = api(client, sort="newest", page_size=5).json()
    everything = api(client, sort="newest", page_size=100).json()
    assert first["count"] == everything["count"] == MUNICIPALITY_COUNT + 2
    dates = [r["date"] for r in everything["results"]]
    assert dates == sorted(dates, reverse=True)
    assert [r["title"] for r in first["results"]] == [r["title"] for r in everything["results"][:5]]
    last = api(client, sort="newest", page_size=5, page=3).json()
    assert [r["title"] for r in last["results"]] == [r["title"] for r in everything["results"][10:]]


@pytest.mark.django_db
def test_search_page_says_which_engine_answered(content, client):
    response = client.get("/zoeken/", {"q": "jeugdzorg"})
    assert response.status_code == 200
    assert response["X-Search-Backend"] == "elasticsearch"
    assert "Jeugdzorg dichtbij in" in response.content.decode()


@pytest.mark.django_db
def test_paging_deeper_than_the_engine_allows_is_answered_without_an_outage(content, client):
    deep = api(client, q="jeugdzorg", page=200, page_size=100)
    assert deep["X-Search-Backend"] == "database"
    assert deep.json()["page"] == 1  # past the end: the last page, as on the database engine
    assert api(client, q="jeugdzorg")["X-Search-Backend"] == "elasticsearch"
