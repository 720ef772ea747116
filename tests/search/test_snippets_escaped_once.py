"""Snippets are escaped exactly once: quotes, ampersands and angle brackets in titles and text show
as the characters an editor typed, on the search page and in the API."""

import html
import re

import pytest
from django.utils.html import escape

from tests.factories import make_practice

pytestmark = pytest.mark.django_db

TITLE = 'Organisatieschema\'s & "teams" <samen>'
SUMMARY = 'Waarom organisatieschema\'s & <lijnen> "niet" alles zeggen.'
# Rich text as Wagtail stores it: the characters as entities.
STORY = 'De collega\'s in het organisatieschema & de <baas> zeiden "ja" tegen elkaar.'
DOUBLE = re.compile(r"&amp;(#x27|#39|amp|lt|gt|quot);")


@pytest.fixture
def practice(practice_index, places):
    page = make_practice(
        practice_index,
        TITLE,
        summary=SUMMARY,
        situation=escape(STORY),
        municipality=places["leiden"],
    )
    make_practice(
        practice_index,
        "Een ander verhaal",
        summary="Over iets anders.",
        municipality=places["leiden"],
    )
    return page


def shown_text(fragment):
    """What a reader sees of an HTML fragment: tags gone, entities read."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def test_search_page_shows_quotes_ampersands_and_brackets_as_typed(client, practice):
    page = client.get("/zoeken/", {"q": "collega baas"}).content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    assert not DOUBLE.search(main), DOUBLE.search(main)
    assert "<samen>" not in main and "<baas>" not in main and "<lijnen>" not in main
    snippets = re.findall(r'<p class="utrecht-paragraph search__snippet">(.*?)</p>', main, re.S)
    assert snippets
    assert shown_text(snippets[0]) == STORY
    assert escape(TITLE) in main


def test_api_snippet_from_the_summary_is_escaped_once_and_title_is_plain_text(client, practice):
    data = client.get("/api/v1/search", {"q": "organisatieschema"}).json()
    hit = next(h for h in data["results"] if h["title"] == TITLE)
    assert not DOUBLE.search(hit["snippet"]), hit["snippet"]
    assert "<mark>" in hit["snippet"]
    assert shown_text(hit["snippet"]) in (SUMMARY, STORY)
    assert hit["summary"] == SUMMARY


def test_snippet_from_the_story_reads_as_typed(client, practice):
    data = client.get("/api/v1/search", {"q": "collega baas"}).json()
    hit = next(h for h in data["results"] if h["title"] == TITLE)
    assert shown_text(hit["snippet"]) == STORY
    assert "&lt;<mark>baas</mark>&gt;" in hit["snippet"]
