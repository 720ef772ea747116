"""RSS 2.0 and Atom feeds of the newest practices, for everything, a theme, or any search."""

import datetime
from email.utils import parsedate_to_datetime
from xml.etree import ElementTree

import pytest

from tests.database import reloaded
from tests.factories import make_practice

ATOM = {"a": "http://www.w3.org/2005/Atom"}


def parse(response):
    return ElementTree.fromstring(response.content)  # noqa: S314 (our own response)


@pytest.fixture(scope="module")
def module_two_practices(module_practice, module_practice_index, module_places, module_themes):
    practice, practice_index = module_practice, module_practice_index
    places, themes = module_places, module_themes
    ede = make_practice(
        practice_index,
        "Ede koopt jeugdzorg in op resultaat",
        summary="Ede en zorgaanbieders spraken resultaten af in plaats van uren.",
        municipality=places["ede"],
        themes=[themes["youth"]],
        situation="Uren declareren zei niets over wat kinderen verder hielp.",
        practice_date=datetime.date(2019, 9, 1),
    )
    return practice, ede


@pytest.fixture
def two_practices(module_two_practices, db):
    return reloaded(module_two_practices)


def rss_items(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = parse(response)
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.find("channel"), root.findall("channel/item")


def atom_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = parse(response)
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    return root


def test_rss_feed_lists_the_newest_practices_with_the_required_elements(client, two_practices):
    channel, items = rss_items(client, "/feed/rss/")
    for element in ("title", "link", "description", "language"):
        assert channel.findtext(element), element
    assert channel.findtext("link").startswith("http://testserver/")
    assert channel.findtext("language") == "nl"
    titles = [item.findtext("title") for item in items]
    assert set(titles) == {practice.title for practice in two_practices}
    for item in items:
        assert item.findtext("link").startswith("http://testserver/praktijkvoorbeelden/")
        assert item.findtext("guid") == item.findtext("link")
        assert item.findtext("description")


def test_rss_dates_are_rfc_822(client, two_practices):
    _channel, items = rss_items(client, "/feed/rss/")
    for item, practice in zip(
        sorted(items, key=lambda i: i.findtext("title")),
        sorted(two_practices, key=lambda p: p.title),
        strict=True,
    ):
        published = parsedate_to_datetime(item.findtext("pubDate"))
        assert published.tzinfo is not None
        assert abs((published - practice.first_published_at).total_seconds()) < 1


def test_atom_feed_has_the_required_elements_and_rfc_3339_dates(client, two_practices):
    feed = atom_feed(client, "/feed/atom/")
    assert feed.findtext("a:title", namespaces=ATOM)
    assert feed.findtext("a:id", namespaces=ATOM).startswith("http://testserver/feed/atom/")
    assert feed.findtext("a:author/a:name", namespaces=ATOM)
    self_link = feed.find("a:link[@rel='self']", ATOM)
    assert self_link.get("href") == "http://testserver/feed/atom/"
    datetime.datetime.fromisoformat(feed.findtext("a:updated", namespaces=ATOM))
    entries = feed.findall("a:entry", ATOM)
    assert len(entries) == 2
    for entry in entries:
        assert entry.findtext("a:id", namespaces=ATOM).startswith("http://testserver/")
        assert entry.findtext("a:title", namespaces=ATOM)
        assert entry.find("a:link", ATOM).get("href").startswith("http://testserver/")
        for name in ("updated", "published"):
            value = datetime.datetime.fromisoformat(entry.findtext(f"a:{name}", namespaces=ATOM))
            assert value.tzinfo is not None


def test_newest_publication_comes_first(client, two_practices):
    _practice, ede = two_practices
    _channel, items = rss_items(client, "/feed/rss/")
    assert items[0].findtext("title") == ede.title


def test_theme_feed_follows_only_that_theme(client, two_practices):
    _practice, ede = two_practices
    channel, items = rss_items(client, "/feed/rss/?theme=jeugdzorg")
    assert [item.findtext("title") for item in items] == [ede.title]
    assert "Jeugdzorg" in channel.findtext("title")
    assert channel.findtext("link") == "http://testserver/zoeken/?theme=jeugdzorg"


def test_feed_of_a_search_takes_the_search_pages_query_string(client, two_practices):
    practice, _ede = two_practices
    feed = atom_feed(client, "/feed/atom/?q=doorbelasting&theme=de-bedoeling&theme=jeugdzorg")
    titles = [e.findtext("a:title", namespaces=ATOM) for e in feed.findall("a:entry", ATOM)]
    assert titles == [practice.title]
    title = feed.findtext("a:title", namespaces=ATOM)
    assert "“doorbelasting”" in title and "De bedoeling + Jeugdzorg" in title


def test_english_feed_lists_the_english_translations(client, english_practice):
    channel, items = rss_items(client, "/en/feed/rss/")
    assert channel.findtext("language") == "en"
    links = [item.findtext("link") for item in items]
    assert f"http://testserver{english_practice.url}" in links
    assert all(link.startswith("http://testserver/en/") for link in links)


def test_nonsense_in_the_query_string_still_gives_a_valid_feed(client, two_practices):
    _channel, items = rss_items(client, "/feed/rss/?theme=%3Cscript%3E&page=abc&page_size=-1")
    assert isinstance(items, list)


def test_unknown_feed_kind_is_not_found(client, home_page):
    assert client.get("/feed/json/").status_code == 404


def test_pages_announce_the_feeds_in_the_head_and_link_them_visibly(client, practice):
    html = client.get("/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml" href="/feed/atom/"' in html
    assert '<link rel="alternate" type="application/rss+xml" href="/feed/rss/"' in html
    assert 'href="/feed/atom/" type="application/atom+xml">' in html


def test_search_page_offers_a_feed_of_that_search(client, two_practices):
    html = client.get("/zoeken/?q=jeugdzorg&theme=jeugdzorg").content.decode()
    assert 'href="/feed/atom/?q=jeugdzorg&amp;theme=jeugdzorg"' in html
    assert "Volg deze zoekopdracht" in html


def test_theme_page_offers_the_feed_of_its_theme(client, two_practices):
    response = client.get("/thema/jeugdzorg/")
    assert response.status_code == 200
    assert (
        '<link rel="alternate" type="application/atom+xml" href="/feed/atom/?theme=jeugdzorg"'
        in (response.content.decode())
    )


def test_feed_lists_a_live_page_that_was_never_formally_published(client, two_practices):
    # An import can make pages live without a publication date; the feed must not break on them.
    from wagtail.models import Page

    Page.objects.filter(pk=two_practices[0].pk).update(
        first_published_at=None, last_published_at=None
    )
    _channel, items = rss_items(client, "/feed/rss/")
    titles = [item.findtext("title") for item in items]
    assert two_practices[0].title in titles
    assert atom_feed(client, "/feed/atom/") is not None
