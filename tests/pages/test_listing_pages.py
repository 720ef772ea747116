"""Theme, municipality, province, professional group and index pages: listings that agree with search."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation

from practices.models import Municipality, Theme
from search.service import search
from search.types import SearchParams
from tests.factories import ThemeFactory, make_practice


def english_url(name, slug):
    """The English address (its path segments come from the translation catalogue)."""
    with translation.override("en"):
        return reverse(name, args=[slug])


def listed_count(html):
    found = re.search(r'id="listing-count">(\d+) praktijkvoorbeeld', html)
    return int(found.group(1)) if found else None


def listed_titles(html):
    return re.findall(r'practice-card__title"><a[^>]*>([^<]+)</a>', html)


@pytest.mark.parametrize(
    "url, facet, value",
    [
        ("/thema/jeugdzorg/", "theme", "jeugdzorg"),
        ("/thema/de-bedoeling/", "theme", "de-bedoeling"),
        ("/beroepsgroep/hrm/", "professional_group", "hrm"),
        ("/werkvorm/intervisie/", "learning_form", "intervisie"),
        ("/gemeente/barneveld/", "municipality", "GM0203"),
        ("/provincie/gelderland/", "province", "gelderland"),
    ],
)
def test_listing_count_equals_the_search_count(client, cases, url, facet, value):
    response = client.get(url)
    assert response.status_code == 200
    expected = search(SearchParams(language="nl", filters={facet: (value,)})).count
    assert expected > 0
    assert listed_count(response.content.decode()) == expected


def test_theme_page_lists_its_cases_newest_first(client, cases):
    html = client.get("/thema/jeugdzorg/").content.decode()
    assert listed_titles(html) == [
        "Barneveld bespreekt casussen met huisartsen",
        "Utrecht voert keukentafelgesprekken",
        "Ede koopt jeugdzorg in op resultaat",
    ]


def test_theme_index_shows_each_theme_with_its_count(client, cases):
    html = client.get("/thema/").content.decode()
    assert re.search(r'href="/thema/jeugdzorg/">.*?3 praktijkvoorbeelden', html, re.S)


def test_municipality_page_names_province_and_neighbours(client, cases):
    html = client.get("/gemeente/barneveld/").content.decode()
    assert 'href="/provincie/gelderland/"' in html
    neighbours = html.split('id="neighbours-heading"')[1]
    # a neighbour with practices is a link with its count; one without is named, not linked
    assert (
        'href="/gemeente/ede/">Ede</a> <span class="inline-list__count">(1 praktijkvoorbeeld)'
        in neighbours
    )
    assert (
        '<li class="inline-list__empty">Scherpenzeel '
        '<span class="inline-list__count">(nog geen praktijkvoorbeelden)</span></li>'
    ) in neighbours
    assert 'href="/gemeente/scherpenzeel/"' not in neighbours
    assert 'class="neighbourhood-map__own"' in neighbours


def test_former_municipality_cases_show_on_the_successor_page(client, cases):
    haren = Municipality.objects.get(cbs_code="GM0017")
    make_practice(
        cases["index"],
        "Haren leert van buurgemeenten",
        municipality=haren,
        themes=[Theme.objects.get(slug="jeugdzorg", locale__language_code="nl")],
        practice_date=datetime.date(2016, 4, 1),
    )
    html = client.get("/gemeente/groningen/").content.decode()
    assert "Haren leert van buurgemeenten" in listed_titles(html)
    assert "Haren (tot 2019)" in html


def test_former_municipality_address_leads_to_its_successor(client, cases):
    response = client.get("/gemeente/haren/")
    assert response.status_code == 301
    assert response["Location"] == "/gemeente/groningen/"


@pytest.mark.parametrize(
    "url",
    ["/thema/bestaat-niet/", "/gemeente/atlantis/", "/beroepsgroep/astronaut/", "/provincie/x/"],
)
def test_unknown_slug_shows_the_styled_not_found_page(client, cases, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99", "1e3", "9" * 30])
def test_bad_page_number_gives_a_clear_message(client, cases, page):
    response = client.get(f"/thema/jeugdzorg/?page={page}")
    assert response.status_code == 404
    html = response.content.decode()
    assert "utrecht-alert" in html
    assert "Naar de eerste pagina" in html


def test_index_filters_narrow_the_list_like_search(client, cases):
    html = client.get(cases["index"].url + "?theme=jeugdzorg&municipality=GM0203").content.decode()
    assert listed_titles(html) == ["Barneveld bespreekt casussen met huisartsen"]
    assert 'name="theme" value="jeugdzorg" checked' in html


def test_index_lists_everything_without_filters(client, cases):
    html = client.get(cases["index"].url).content.decode()
    assert listed_count(html) == 4


def test_english_theme_page_marks_dutch_only_cases(client, cases):
    html = client.get(english_url("theme_detail", "purpose-first")).content.decode()
    assert listed_titles(html.split('id="untranslated-heading"')[0]) == [
        "Barneveld stops internal recharging"
    ]
    untranslated = html.split('id="untranslated-heading"')[1]
    assert re.search(
        r'<li class="practice-card" lang="nl">\s*<h3[^>]*><a[^>]*hreflang="nl">Ede koopt',
        untranslated,
    )
    assert "Barneveld stopt met interne doorbelasting" not in untranslated


def test_dutch_slug_on_the_english_site_leads_to_the_english_theme(client, cases):
    response = client.get(english_url("theme_detail", "de-bedoeling"))
    assert response.status_code == 301
    assert response["Location"] == english_url("theme_detail", "purpose-first")


def test_english_page_of_an_untranslated_theme_says_so(client, cases):
    procurement = ThemeFactory(name="Aanbesteden", slug="aanbesteden")
    make_practice(
        cases["index"],
        "Aanbesteden in Ede",
        municipality=cases["places"]["GM0228"],
        themes=[procurement],
    )
    response = client.get(english_url("theme_detail", "aanbesteden"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<div class="page-intro" lang="nl">' in html
    assert "This page has not been translated yet." in html
    assert "Aanbesteden in Ede" in html


def test_pagination_links_the_first_last_and_nearby_pages():
    from practices.listings import Listing

    listing = Listing(results=None, page=5, page_count=12)
    assert listing.pages == [1, None, 4, 5, 6, None, 12]
    assert (listing.previous_page, listing.next_page) == (4, 6)
    assert Listing(results=None, page=1, page_count=1).pages == [1]
