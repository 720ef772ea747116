"""Municipality and province pages as a visitor reads them: which municipality a card is about,
where neighbour links lead, and a map that zooms to the province on its page."""

import re

import pytest

from contributions.setup import ensure_contributions
from practices.models import Municipality, Province
from tests.factories import make_practice


@pytest.fixture
def zwolle():
    return Municipality.objects.get(cbs_code="GM0193")


@pytest.fixture
def utrecht():
    return Municipality.objects.get(cbs_code="GM0344")


@pytest.fixture
def kampen():
    return Municipality.objects.get(cbs_code="GM0166")


def main(html):
    return html[html.index("<main") : html.index("</main>")]


def card_meta(html, title):
    card = html[html.index(title) :]
    return re.sub(r"<[^>]+>", "", card[card.index("practice-card__meta") : card.index("</p>")])


def test_a_card_on_an_involved_municipality_says_where_the_case_is_set_and_who_joined(
    client, practice_index, zwolle, utrecht
):
    make_practice(
        practice_index, "Samen leren in de regio", municipality=utrecht, involved=[zwolle]
    )
    make_practice(practice_index, "Leren in Zwolle zelf", municipality=zwolle)
    html = main(client.get(f"/gemeente/{zwolle.slug}/").content.decode())
    assert "Utrecht · met Zwolle" in card_meta(html, "Samen leren in de regio")
    own = card_meta(html, "Leren in Zwolle zelf")
    assert "Zwolle" in own and "met Zwolle" not in own
    # On Utrecht's own page the same case needs no "met".
    html = main(client.get(f"/gemeente/{utrecht.slug}/").content.decode())
    assert "met " not in card_meta(html, "Samen leren in de regio")


def test_neighbour_links_say_how_many_cases_they_lead_to(client, practice_index, zwolle, kampen):
    make_practice(practice_index, "Leren in Kampen", municipality=kampen)
    make_practice(practice_index, "Nog eens leren in Kampen", municipality=kampen)
    html = client.get(f"/gemeente/{zwolle.slug}/").content.decode()
    neighbours = html[html.index('id="neighbours-heading"') :]
    text = " ".join(re.sub(r"<[^>]+>", " ", neighbours).split())
    assert "Kampen (2 praktijkvoorbeelden)" in text
    assert "Hattem (nog geen praktijkvoorbeelden)" in text


def test_a_neighbour_without_cases_is_named_but_not_a_link(client, practice_index, zwolle, kampen):
    make_practice(practice_index, "Leren in Kampen", municipality=kampen)
    html = client.get(f"/gemeente/{zwolle.slug}/").content.decode()
    neighbours = html[html.index('id="neighbours-heading"') : html.index("neighbourhood-map")]
    links = re.findall(r'<a [^>]*href="/gemeente/([^/"]+)/"', neighbours)
    assert links == ["kampen"]
    assert "Hattem" in neighbours


def test_an_empty_neighbour_page_offers_sharing_not_refining(client, practice_index, kampen):
    ensure_contributions()
    html = main(client.get(f"/gemeente/{kampen.slug}/").content.decode())
    assert "Verfijn deze lijst" not in html
    assert "Deel je praktijkvoorbeeld" in html


def test_the_province_page_shows_the_map_zoomed_to_the_province(client, practice_index, zwolle):
    make_practice(practice_index, "Leren in Zwolle zelf", municipality=zwolle)
    province = Province.objects.get(slug=zwolle.province.slug)
    html = client.get(f"/provincie/{province.slug}/").content.decode()
    home = client.get("/").content.decode()
    box = re.search(r'class="nl-map__svg" viewBox="([\d. -]+)"', html)
    assert box, "no map on the province page"
    full = re.search(r'class="nl-map__svg" viewBox="([\d. -]+)"', home)
    width, height = (float(v) for v in box.group(1).split()[2:])
    full_width, full_height = (float(v) for v in full.group(1).split()[2:])
    assert width * height < full_width * full_height / 4
    assert f'data-cbs-code="{zwolle.cbs_code}"' in html
