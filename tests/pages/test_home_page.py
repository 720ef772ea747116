"""The home page: figures, themes with counts, newest cases and the map of the Netherlands."""

import re

from search.service import search
from search.types import SearchParams


def test_home_page_says_how_many_cases_from_how_many_municipalities(client, cases):
    html = client.get("/").content.decode()
    assert "<strong>4</strong> praktijkvoorbeelden uit <strong>3</strong> gemeenten" in html


def test_home_page_lists_themes_with_their_number_of_cases(client, cases):
    html = client.get("/").content.decode()
    youth = re.search(r'href="/thema/jeugdzorg/">.*?(\d+) praktijkvoorbeeld', html, re.S)
    assert youth and youth.group(1) == "3"


def test_home_page_shows_the_newest_cases_first(client, cases):
    html = client.get("/").content.decode()
    newest = html.index("Barneveld bespreekt casussen met huisartsen")
    older = html.index("Ede koopt jeugdzorg in op resultaat")
    assert newest < older


def test_map_has_one_link_per_municipality_with_cases(client, cases):
    html = client.get("/").content.decode()
    links = re.findall(r'<a class="nl-map__link" href="([^"]+)" aria-label="([^"]+)">', html)
    assert sorted(links) == [
        ("/gemeente/barneveld/", "Barneveld: 2 praktijkvoorbeelden"),
        ("/gemeente/ede/", "Ede: 1 praktijkvoorbeeld"),
        ("/gemeente/utrecht/", "Utrecht: 1 praktijkvoorbeeld"),
    ]


def test_map_table_holds_the_same_municipalities_and_counts(client, cases):
    html = client.get("/").content.decode()
    rows = re.findall(
        r'<tr class="utrecht-table__row" data-cbs-code="(GM\d+)">.*?numeric">(\d+)</td>', html
    )
    areas = re.findall(r'data-cbs-code="(GM\d+)" d=', html)
    assert sorted(rows) == [("GM0203", "2"), ("GM0228", "1"), ("GM0344", "1")]
    assert sorted(areas) == ["GM0203", "GM0228", "GM0344"]


def test_map_shading_follows_the_number_of_cases(client, cases):
    html = client.get("/").content.decode()
    found = re.findall(r'nl-map__area--level-(\d)" data-cbs-code="(GM\d+)"', html)
    assert {code: level for level, code in found} == {"GM0203": "2", "GM0228": "1", "GM0344": "1"}


def test_map_credits_cbs_and_pdok(client, cases):
    assert "Bron: CBS / PDOK" in client.get("/").content.decode()


def test_map_counts_agree_with_the_search_facet(client, cases):
    facet = search(SearchParams(language="nl")).facets["municipality"]
    html = client.get("/").content.decode()
    for item in facet:
        assert f'data-cbs-code="{item.value}"><th' in html
        assert re.search(rf'data-cbs-code="{item.value}">.*?numeric">{item.count}</td>', html, re.S)


def test_english_home_page_maps_every_case_with_english_links(client, cases):
    html = client.get("/en/").content.decode()
    links = re.findall(r'<a class="nl-map__link" href="([^"]+)"', html)
    assert len(links) == 3
    assert all(link.startswith("/en/") for link in links)


def test_english_home_page_says_how_many_cases_are_translated(client, cases):
    html = client.get("/en/").content.decode()
    assert "<strong>4</strong> practice examples from <strong>3</strong> municipalities" in html
    assert "<strong>1</strong> of them in English" in html


def test_neighbours_come_from_shared_borders():
    from home.netherlands_map import neighbour_codes

    barneveld = neighbour_codes("GM0203")
    assert "GM0228" in barneveld  # Ede
    assert "GM0307" in barneveld  # Amersfoort
    assert "GM0344" not in barneveld  # Utrecht lies further west
    assert all("GM0203" in neighbour_codes(code) for code in barneveld)
