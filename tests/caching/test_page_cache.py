"""What drops the server-side page cache, and what leaves it alone: only changes to what visitors
can see renew the content version; sessions, counters and drafts do not."""

import time

from django.contrib.sessions.backends.db import SessionStore
from django.db import OperationalError, connection
from wagtail.contrib.search_promotions.models import QueryDailyHits
from wagtail_factories import DocumentFactory

from changes.version import current_version
from publications.models import DownloadCount
from search.engines.fallback import engine_breaker
from search.models import Synonym


def test_sessions_counters_and_drafts_leave_cached_pages_in_place(client, practice, server_cache):
    document = DocumentFactory()
    assert client.get(practice.url)["X-Page-Cache"] == "miss"
    version = current_version()
    session = SessionStore()
    session["seen"] = True
    session.save()
    DownloadCount.objects.create(document=document, count=1)
    practice.summary = "Een concept dat nog niet gepubliceerd is."
    practice.save_revision()
    response = client.get(practice.url)
    assert response["X-Page-Cache"] == "hit"
    assert "Een concept dat nog niet gepubliceerd is." not in response.content.decode()
    assert current_version() == version


def test_a_renamed_theme_shows_on_the_cached_search_page_at_once(
    client, practice, theme, server_cache
):
    client.get("/zoeken/")
    theme.name = "Bedoeling voorop"
    theme.save()
    response = client.get("/zoeken/")
    assert response["X-Page-Cache"] == "miss"
    assert "Bedoeling voorop" in response.content.decode()


def test_a_new_synonym_finds_pages_on_the_cached_search_page_at_once(
    client, practice, server_cache
):
    assert "Barneveld stopt" not in client.get("/zoeken/", {"q": "huisbezoek"}).content.decode()
    Synonym.objects.create(terms="huisbezoek, keukentafel", language="nl")
    response = client.get("/zoeken/", {"q": "huisbezoek"})
    assert response.get("X-Page-Cache") != "hit"
    assert "Barneveld stopt" in response.content.decode()


def test_a_search_is_kept_by_the_server_alone_and_counted_every_time(
    client, practice, server_cache
):
    """The same search twice: the second answer comes from the server's copy (no rendering), is
    still counted for the search report, and no shared cache may keep it."""
    first = client.get("/zoeken/", {"q": "doorbelasting"})
    second = client.get("/zoeken/", {"q": "doorbelasting"})
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert "private" in second["Cache-Control"] and "s-maxage" not in second["Cache-Control"]
    assert first.content == second.content
    assert "Barneveld stopt" in second.content.decode()
    hits = QueryDailyHits.objects.filter(query__query_string="doorbelasting")
    assert sum(hits.values_list("hits", flat=True)) == 2


def test_a_search_answered_by_the_database_in_the_engines_place_is_not_kept(
    client, practice, server_cache, settings
):
    """The engine configured but not answering: the database's answer is shown, and not kept, so
    the engine's own answer is shown as soon as it is back."""
    nobody = "http://127.0.0.1:9"  # nothing listens there
    settings.ELASTICSEARCH_URL = nobody
    settings.WAGTAILSEARCH_BACKENDS = {
        **settings.WAGTAILSEARCH_BACKENDS,
        "elasticsearch": {
            "BACKEND": "search.backends.elasticsearch",
            "URLS": [nobody],
            "INDEX_PREFIX": "kbtest_",
            "TIMEOUT": 1.0,
            "AUTO_UPDATE": False,
        },
    }
    try:
        first = client.get("/zoeken/", {"q": "doorbelasting"})
        second = client.get("/zoeken/", {"q": "doorbelasting"})
    finally:
        engine_breaker.reset()
    assert first["X-Search-Backend"] == "database"
    assert "X-Page-Cache" not in second
    assert "Barneveld stopt" in second.content.decode()


def test_the_server_keeps_pages_longer_than_shared_caches_but_the_agenda_only_briefly(
    client, practice, agenda, server_cache, settings
):
    """Shared caches may keep a page PAGE_CACHE_SECONDS; the server's copy follows the content
    version, so it outlives that, except for the agenda, which changes with the clock."""
    settings.PAGE_CACHE_SECONDS = 1
    settings.PAGE_CACHE_SERVER_SECONDS = 3600
    assert client.get(practice.url)["X-Page-Cache"] == "miss"
    assert client.get(agenda.url)["X-Page-Cache"] == "miss"
    time.sleep(1.1)
    kept = client.get(practice.url)
    assert kept["X-Page-Cache"] == "hit"
    assert "s-maxage=1" in kept["Cache-Control"]
    assert client.get(agenda.url)["X-Page-Cache"] == "miss"


def test_cached_pages_are_still_served_while_the_database_is_down(client, practice, server_cache):
    client.get(practice.url)

    def refuse(execute, sql, params, many, context):
        raise OperationalError("server closed the connection unexpectedly")

    with connection.execute_wrapper(refuse):
        response = client.get(practice.url)
        missing = client.get("/zoeken/")
    assert (response.status_code, response["X-Page-Cache"]) == (200, "hit")
    assert missing.status_code == 503


def test_an_english_address_is_found_in_the_cache_after_a_dutch_one(client, practice, server_cache):
    """The lookup happens before the language is chosen: it must use the address's language, not
    the one the previous request left behind, or English pages are never served from the cache."""
    english = client.get("/en/search/")
    assert (english.status_code, english["X-Page-Cache"]) == (200, "miss")
    assert '<html lang="en"' in english.content.decode()
    assert client.get("/zoeken/")["X-Page-Cache"] == "miss"
    again = client.get("/en/search/")
    assert again["X-Page-Cache"] == "hit"
    assert '<html lang="en"' in again.content.decode()
    assert client.get("/zoeken/")["X-Page-Cache"] == "hit"
