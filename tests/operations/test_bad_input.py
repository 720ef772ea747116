"""NUL bytes, invalid UTF-8 and absurd lengths anywhere in an address get a clear 400, never a 500."""

import json

import pytest
from django.test import Client

from operations.bad_input import MAX_VALUE_LENGTH

BAD_QUERIES = {
    "nul": "q=%00",
    "nul in name": "%00=1",
    "control": "q=a%1bb",
    "invalid utf-8": "q=%ff%fe",
    "lone surrogate": "q=%ED%A0%80",
    "very long": "q=" + "x" * 10_000,
}


@pytest.fixture
def visitor(home_page):
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("feed", ["/feed/rss/", "/feed/atom/"])
def test_feeds_answer_400_to_a_nul_byte(visitor, feed):
    response = visitor.get(f"{feed}?q=%00")
    assert response.status_code == 400


def test_bad_query_strings_get_a_400_everywhere(visitor):
    for path in ["/", "/zoeken/", "/feed/rss/", "/sitemap.xml", "/admin/login/"]:
        for kind, query in BAD_QUERIES.items():
            assert visitor.get(f"{path}?{query}").status_code == 400, (path, kind)


def test_the_400_page_says_in_dutch_what_was_wrong(visitor):
    response = visitor.get("/zoeken/?q=%00")
    html = response.content.decode()
    assert '<html lang="nl"' in html
    assert "Dit adres kunnen we niet lezen" in html
    assert "nulbyte" in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_the_400_page_is_english_under_en(visitor):
    response = visitor.get("/en/search/?q=%00")
    assert response.status_code == 400
    assert '<html lang="en"' in response.content.decode()


def test_the_api_answers_problem_json(visitor):
    response = visitor.get("/api/v1/search?q=%ff")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = json.loads(response.content)
    assert body["status"] == 400 and body["invalid-params"][0]["name"] == "q"


def test_a_nul_byte_in_the_path_gets_a_400(visitor):
    assert visitor.get("/praktijk%00voorbeelden/").status_code == 400


def test_a_header_with_control_characters_gets_a_400(visitor):
    assert visitor.get("/", HTTP_ACCEPT_LANGUAGE="nl\x00").status_code == 400
    assert visitor.get("/", HTTP_USER_AGENT="x" * 20_000).status_code == 400


def test_ordinary_odd_input_still_reaches_the_page(visitor):
    # Long but reasonable, accents, emoji, tabs and direction marks are the views' business.
    for query in [
        "q=" + "a" * MAX_VALUE_LENGTH,
        "q=caf%C3%A9+%F0%9F%8F%B3",
        "q=a%09b",
        "q=%E2%80%AE",
    ]:
        assert visitor.get(f"/zoeken/?{query}").status_code == 200, query
