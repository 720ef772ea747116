"""Editors' recommended results come first for their query; searches on the site are counted."""

import pytest
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion

from practices.models import Municipality, Theme
from practices.setup import ensure_practices_setup
from search.models import QueryOutcome
from tests.database import reloaded
from tests.factories import make_practice

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def module_practices(module_db):
    """Three practices on intervisie and a quiet one, made once for the module."""
    index = ensure_practices_setup()
    theme = Theme.objects.get(slug="collegiaal-leren", locale__language_code="nl")
    place = Municipality.objects.get(cbs_code="GM0150")
    made = [
        make_practice(index, f"Intervisie in team {n}", municipality=place, themes=[theme])
        for n in range(1, 4)
    ]
    quiet = make_practice(
        index, "Leren op de werkvloer", municipality=place, themes=[theme], summary="Meelopen."
    )
    return made, quiet


@pytest.fixture
def practices(module_practices, db):
    return reloaded(module_practices)


def promote(query, page):
    SearchPromotion.objects.create(query=Query.get(query), page=page, sort_order=0)


def test_a_promoted_practice_is_first_on_the_search_page(client, practices):
    made, quiet = practices
    promote("intervisie", quiet)
    html = client.get("/zoeken/", {"q": "intervisie"}).content.decode()
    hits = html.split('class="search__hits"')[1]
    assert hits.index("Leren op de werkvloer") < hits.index("Intervisie in team")
    assert "Aangeraden door de redactie" in hits


def test_a_promoted_practice_is_first_in_the_api(client, practices):
    made, quiet = practices
    promote("Intervisie", quiet)
    data = client.get("/api/v1/search", {"q": "intervisie", "lang": "nl"}).json()
    assert data["results"][0]["title"] == "Leren op de werkvloer"
    assert data["results"][0]["promoted"] is True
    assert all(not hit["promoted"] for hit in data["results"][1:])
    assert data["count"] == 4


def test_a_promotion_does_not_override_the_visitors_filters(client, practices):
    made, quiet = practices
    promote("intervisie", quiet)
    data = client.get(
        "/api/v1/search", {"q": "intervisie", "lang": "nl", "municipality": "GM0344"}
    ).json()
    assert all(hit["title"] != "Leren op de werkvloer" for hit in data["results"])


def test_a_search_on_the_site_is_counted_and_one_without_results_too(client, practices):
    client.get("/zoeken/", {"q": "intervisie"})
    client.get("/zoeken/", {"q": "zelfroosterende roosters xyzzy"})
    client.get("/zoeken/", {"q": "zelfroosterende roosters xyzzy"})
    today = timezone.localdate()
    assert QueryDailyHits.objects.get(query__query_string="intervisie", date=today).hits == 1
    nothing = QueryOutcome.objects.get(query__query_string="zelfroosterende roosters xyzzy")
    assert nothing.without_results == 2


def test_opening_a_result_is_counted_for_its_query(client, practices):
    client.get("/zoeken/", {"q": "intervisie"})
    response = client.post("/zoeken/geopend/", {"q": "intervisie"})
    assert response.status_code == 204
    assert QueryOutcome.objects.get(query__query_string="intervisie").results_opened == 1
    assert client.get("/zoeken/geopend/").status_code == 405


@pytest.mark.parametrize("query", ["intervisie\x00", "\u202egnilles\u202c\x00", "zoek\x07bel"])
def test_odd_characters_in_a_query_are_counted_without_an_error(client, practices, query):
    for address in ("/zoeken/", "/praktijkvoorbeelden/", "/api/v1/search"):
        assert client.get(address, {"q": query}).status_code < 500, address
