"""Page fragments ({% page_fragment %}): the parts of a practice page that depend only on the content
are rendered once per content version, and a publish or a renamed term shows at once."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ThemeFactory


@pytest.fixture
def fragments(settings):
    settings.PAGE_FRAGMENT_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_a_second_visitor_gets_the_practice_page_from_its_fragments(
    client, practice, fragments, settings
):
    settings.PAGE_FRAGMENT_SECONDS = 0
    client.get(practice.url)  # the site frame's per-version lookups
    whole, whole_html = queries_of(client, practice.url)
    settings.PAGE_FRAGMENT_SECONDS = 300
    client.get(practice.url)  # renders and keeps the fragments
    cached, cached_html = queries_of(client, practice.url)
    assert cached_html == whole_html
    assert "De bedoeling" in cached_html  # the fact box, from a fragment
    assert cached < whole and cached <= 7


def test_a_published_change_shows_in_the_cached_fragments_at_once(client, practice, fragments):
    client.get(practice.url)
    added = ThemeFactory(name="Samen met inwoners", slug="samen-met-inwoners")
    page = practice.get_latest_revision_as_object()
    page.practice_themes.add(type(page.practice_themes.first())(theme=added))
    page.approach = [("paragraph", "<p>Nieuwe aanpak met de wijkteams.</p>")]
    page.save_revision().publish()

    html = client.get(practice.url).content.decode()
    assert "Samen met inwoners" in html  # fact box
    assert "Nieuwe aanpak met de wijkteams." in html  # body
    assert '"name": "Samen met inwoners"' in html  # the head's JSON-LD


def test_a_draft_does_not_reach_the_cached_fragments(client, practice, fragments):
    client.get(practice.url)
    page = practice.get_latest_revision_as_object()
    page.approach = [("paragraph", "<p>Nog niet gepubliceerde aanpak.</p>")]
    page.save_revision()
    assert "Nog niet gepubliceerde aanpak." not in client.get(practice.url).content.decode()


def test_a_renamed_theme_shows_in_the_cached_fragments_at_once(client, practice, theme, fragments):
    client.get(practice.url)
    theme.name = "Bedoeling voorop"
    theme.save()
    html = client.get(practice.url).content.decode()
    assert "Bedoeling voorop" in html
    assert "De bedoeling" not in html


def test_an_unpublished_related_practice_leaves_the_cached_fragments(
    client, practice, practice_index, theme, fragments
):
    from tests.factories import make_practice

    other = make_practice(
        practice_index, "Ede werkt met de wijk", organisation="Regio Ede", themes=[theme]
    )
    assert "Ede werkt met de wijk" in client.get(practice.url).content.decode()
    other.unpublish()
    assert "Ede werkt met de wijk" not in client.get(practice.url).content.decode()


def test_an_unpublished_practice_is_gone_at_once_though_its_address_was_kept(
    client, practice, fragments
):
    assert client.get(practice.url).status_code == 200
    url = practice.url
    practice.unpublish()
    assert client.get(url).status_code == 404


def test_a_moved_practice_answers_at_its_new_address_at_once(client, practice, fragments):
    old_url = practice.url
    assert client.get(old_url).status_code == 200
    practice.slug = "barneveld-rekent-niet-meer-door"
    practice.save_revision().publish()
    assert client.get(old_url).status_code == 404
    assert client.get("/praktijkvoorbeelden/barneveld-rekent-niet-meer-door/").status_code == 200
