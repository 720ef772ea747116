"""The search page as a visitor uses it, without JavaScript."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_search_page_shows_count_results_and_highlighted_snippet(client, practices):
    response = client.get("/zoeken/", {"q": "inwoners omgevingswet"})
    html = response.content.decode()
    assert response.status_code == 200
    first = html.index('class="search__hit"')
    assert "Bewoners denken mee over het nieuwe park" in html[first : first + 400]
    assert re.search(r"<mark>inwoners</mark>", html, re.IGNORECASE)
    assert re.search(r"\d+ resulta(at|ten)", html)


def test_facets_are_checkboxes_in_fieldsets_with_counts(client, practices):
    html = client.get("/zoeken/").content.decode()
    assert '<legend class="visually-hidden">Thema</legend>' in html
    assert 'type="checkbox" id="f-theme-jeugdzorg" name="theme" value="jeugdzorg"' in html
    assert 'Jeugdzorg <span class="filters__count">(1' in html


def test_facet_counts_stay_disjunctive_when_a_value_is_chosen(client, practices):
    html = client.get("/zoeken/?professional_group=consulenten").content.decode()
    # Inkopers still shows its count (1): choosing it too would add that result.
    assert 'value="inkopers"' in html
    assert 'Inkopers <span class="filters__count">(1' in html
    assert "2 resultaten" in html


def test_active_filter_can_be_removed_on_its_own(client, practices):
    html = client.get("/zoeken/?theme=jeugdzorg&year=2019").content.decode()
    assert 'href="?year=2019"' in html  # removing the theme keeps the year
    assert 'href="?theme=jeugdzorg"' in html


def test_nothing_found_offers_dropping_a_filter(client, practices):
    html = client.get("/zoeken/?q=keukentafel&theme=jeugdzorg").content.decode()
    assert "Niets gevonden" in html
    assert 'href="?q=keukentafel"' in html


def test_typo_is_forgiven_and_suggested(client, practices):
    html = client.get("/zoeken/?q=keukentafle").content.decode()
    assert "Het gesprek aan de keukentafel" in html
    assert "Bedoelde je" in html and "keukentafel" in html


def test_nonsense_query_finds_nothing(client, practices):
    html = client.get("/zoeken/?q=xqzvw+blorptrakel").content.decode()
    assert "0 resultaten" in html


@pytest.mark.parametrize("query", ["???", "ꙮꙮꙮ ꙮꙮ", "😀", "a"])
def test_query_with_nothing_to_search_for_finds_nothing_not_everything(client, practices, query):
    everything = client.get("/api/v1/search").json()["count"]
    assert everything > 0
    html = client.get("/zoeken/", {"q": query}).content.decode()
    assert "0 resultaten" in html
    assert client.get("/api/v1/search", {"q": query}).json()["count"] == 0


def test_bad_input_gives_a_page_not_an_error(client, practices):
    response = client.get("/zoeken/?page=abc&page_size=100000&sort=x&theme=%3Cb%3E")
    assert response.status_code == 200
    assert "Niet alles in je zoekopdracht kon worden gebruikt" in response.content.decode()


def test_pagination_links_keep_the_query_and_filters(client, practices):
    html = client.get("/zoeken/?page_size=1&province=zuid-holland").content.decode()
    assert 'href="?province=zuid-holland&amp;page=2"' in html


def test_search_page_has_no_inline_script_or_style(client, practices):
    html = client.get("/zoeken/?q=jeugdzorg").content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert "style=" not in html and "<style" not in html and " onclick=" not in html
