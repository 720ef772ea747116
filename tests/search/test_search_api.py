"""The search API: shape, headers, errors as problem+json, the OpenAPI document."""

import pytest
from django.test import override_settings
from wagtail.models import PageViewRestriction

from tests.factories import make_practice

pytestmark = pytest.mark.django_db


def test_api_answers_in_the_documented_shape(client, practices):
    response = client.get("/api/v1/search", {"q": "inkopers jeugdzorg"})
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"count", "page", "page_size", "results", "facets", "suggestion"}
    assert data["count"] == 1
    hit = data["results"][0]
    assert set(hit) == {
        "title",
        "url",
        "summary",
        "snippet",
        "date",
        "municipality",
        "themes",
        "professional_groups",
        "learning_forms",
        "similar_to",  # the chosen "lijkt op" municipalities this practice is like
        "type",  # extra: praktijkvoorbeeld or publicatie
        "locations",  # extra: for a publication, the pages of its files the words are on
        "promoted",  # recommended by the editors for this query
    }
    assert hit["type"] == "praktijkvoorbeeld"
    assert hit["municipality"] == {
        "value": "GM1900",
        "label": "Súdwest-Fryslân",
        "cbs_code": "GM1900",
        "province": "fryslan",
    }
    assert hit["themes"] == [{"value": "jeugdzorg", "label": "Jeugdzorg"}]
    assert hit["url"].startswith("http://testserver/")
    assert "<mark>" in hit["snippet"]
    assert set(data["facets"]) == {
        "theme",
        "professional_group",
        "municipality",
        "province",
        "learning_form",
        "size_class",
        "similar_to",
        "year",
        "type",  # extra: the kind of result
    }


def test_api_says_which_engine_answered(client, practices):
    response = client.get("/api/v1/search", {"q": "keukentafel"})
    assert response["X-Search-Backend"] == "database"


def test_api_empty_query_lists_everything_newest_first(client, practices):
    data = client.get("/api/v1/search").json()
    assert [hit["title"] for hit in data["results"]] == [
        "Bewoners denken mee over het nieuwe park",
        "Het gesprek aan de keukentafel",
        "Inkopers jeugdzorg leren van elkaar",
    ]
    assert {v["value"]: v["count"] for v in data["facets"]["year"]} == {
        "2022": 1,
        "2021": 1,
        "2019": 1,
    }


def test_api_filters_by_repeated_facet_values(client, practices):
    data = client.get(
        "/api/v1/search?municipality=GM0518&municipality=GM0546&professional_group=consulenten"
    ).json()
    assert data["count"] == 2
    data = client.get("/api/v1/search?province=zuid-holland&theme=jeugdzorg").json()
    assert data["count"] == 0


@pytest.mark.parametrize(
    "query, name",
    [
        ("page_size=101", "page_size"),
        ("page=0", "page"),
        ("page=abc", "page"),
        ("sort=oldest", "sort"),
        ("lang=fr", "lang"),
        ("q=" + "x" * 201, "q"),
        ("theme=%3Cscript%3E", "theme"),
    ],
)
def test_api_bad_parameter_gives_problem_json(client, practices, query, name):
    response = client.get("/api/v1/search?" + query)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 400 and problem["title"]
    assert [item["name"] for item in problem["invalid-params"]] == [name]


def test_api_page_beyond_the_last_gives_the_last_page(client, practices):
    data = client.get("/api/v1/search?page=999&page_size=2").json()
    assert data["page"] == 2
    assert len(data["results"]) == 1


def test_unknown_facet_value_matches_nothing(client, practices):
    response = client.get("/api/v1/search?theme=bestaat-niet")
    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_api_never_returns_drafts_or_private_pages(client, practice_index, places, practices):
    where = places["leiden"]
    make_practice(
        practice_index, "Concept over keukentafel", municipality=where, publish=False, live=False
    )
    private = make_practice(practice_index, "Besloten keukentafel", municipality=where)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    titles = [hit["title"] for hit in client.get("/api/v1/search?q=keukentafel").json()["results"]]
    assert titles == ["Het gesprek aan de keukentafel"]
    titles = [hit["title"] for hit in client.get("/api/v1/search").json()["results"]]
    assert "Besloten keukentafel" not in titles and "Concept over keukentafel" not in titles


def test_api_language_by_parameter_returns_only_that_locale(client, practices):
    assert client.get("/api/v1/search?lang=en").json()["count"] == 0
    assert client.get("/api/v1/search", HTTP_ACCEPT_LANGUAGE="en").json()["count"] == 0
    assert client.get("/api/v1/search?lang=nl").json()["count"] == 3


def test_openapi_document_describes_the_search_endpoint(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    operation = document["paths"]["/api/v1/search"]["get"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"q", "theme", "municipality", "page_size", "sort"} <= names


def test_api_sends_no_cors_headers(client, practices):
    response = client.get("/api/v1/search", HTTP_ORIGIN="https://elders.example")
    assert "Access-Control-Allow-Origin" not in response


def test_autocomplete_suggests_titles_themes_and_municipalities(client, practices):
    labels = {
        (s["type"], s["label"])
        for s in client.get("/api/v1/autocomplete?q=jeug").json()["suggestions"]
    }
    assert ("theme", "Jeugdzorg") in labels
    assert ("title", "Inkopers jeugdzorg leren van elkaar") in labels
    labels = {s["label"] for s in client.get("/api/v1/autocomplete?q=sudw").json()["suggestions"]}
    assert "Súdwest-Fryslân" in labels


@override_settings(ELASTICSEARCH_URL="")
def test_autocomplete_with_too_little_typed_is_empty(client, practices):
    assert client.get("/api/v1/autocomplete?q=").json() == {"suggestions": []}
