"""Places people name differently from CBS: Den Haag, Den Bosch, Friesland."""

import pytest

from practices.models import Municipality, Theme
from practices.setup import ensure_practices_setup
from tests.factories import make_practice

pytestmark = pytest.mark.django_db


def test_an_everyday_municipality_name_is_an_address_too(client):
    response = client.get("/gemeente/den-haag/")
    assert response.status_code == 301
    assert response["Location"] == "/gemeente/s-gravenhage/"
    assert client.get("/gemeente/den-bosch/")["Location"] == "/gemeente/s-hertogenbosch/"


def test_an_everyday_name_shared_by_two_municipalities_is_not_guessed(client):
    assert client.get("/gemeente/bergen/").status_code == 404


def test_friesland_leads_to_the_province_of_frysln(client):
    response = client.get("/provincie/friesland/")
    assert response.status_code == 301
    assert response["Location"] == "/provincie/fryslan/"
    assert client.get("/provincie/nergensland/").status_code == 404


def test_a_search_for_friesland_finds_practices_in_frysln(client):
    index = ensure_practices_setup()
    make_practice(
        index,
        "Zelfsturende teams in Leeuwarden",
        municipality=Municipality.objects.get(name="Leeuwarden"),
        themes=[Theme.objects.get(slug="collegiaal-leren", locale__language_code="nl")],
    )
    data = client.get("/api/v1/search", {"q": "Friesland", "lang": "nl"}).json()
    assert [hit["title"] for hit in data["results"]] == ["Zelfsturende teams in Leeuwarden"]
