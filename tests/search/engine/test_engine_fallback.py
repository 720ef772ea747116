"""Stopping the engine process mid-test: search keeps answering from the database, publishing keeps
working, and what the engine missed is sent once it is back."""

import logging

import pytest
from django.core.management import call_command

from practices.models import Municipality
from search.models import PendingIndexUpdate
from tests.factories import ThemeFactory, make_practice

pytestmark = pytest.mark.engine


def place():
    return Municipality.objects.get(cbs_code="GM0034")  # Almere


@pytest.fixture
def indexed(stoppable_engine, practice_index):
    theme = ThemeFactory(name="Jeugdzorg", slug="jeugdzorg")
    make_practice(
        practice_index,
        "Wijkteam jeugdzorg Almere",
        municipality=place(),
        themes=[theme],
        summary="Een wijkteam dat jeugdzorg dichtbij organiseert.",
        organisation="Wijkteams Almere",
    )
    stoppable_engine.rebuild()
    return theme


def api(client, **params):
    return client.get("/api/v1/search", params)


def test_api_answers_from_the_database_when_the_engine_stops(indexed, stoppable_engine, client):
    assert api(client, q="wijkteam")["X-Search-Backend"] == "elasticsearch"
    stoppable_engine.stop()
    response = api(client, q="wijkteam")
    assert response.status_code == 200
    assert response["X-Search-Backend"] == "database"
    assert [r["title"] for r in response.json()["results"]] == ["Wijkteam jeugdzorg Almere"]


def test_a_slow_engine_counts_as_unavailable(indexed, stoppable_engine, client):
    stoppable_engine.proxy.slow_down(1.5)  # longer than SEARCH_ENGINE_TIMEOUT (at most 1 s)
    response = api(client, q="wijkteam")
    assert response.status_code == 200
    assert response["X-Search-Backend"] == "database"
    assert response.json()["count"] == 1


def test_search_page_shows_a_notice_when_the_engine_stops(indexed, stoppable_engine, client):
    stoppable_engine.stop()
    response = client.get("/zoeken/", {"q": "wijkteam"})
    assert response.status_code == 200
    assert response["X-Search-Backend"] == "database"
    page = response.content.decode()
    assert "De zoekmachine is even niet bereikbaar" in page
    assert "Wijkteam jeugdzorg Almere" in page


def test_a_dead_engine_is_not_asked_again_on_every_search(indexed, stoppable_engine, client):
    stoppable_engine.stop()
    api(client, q="wijkteam")
    asked = stoppable_engine.request_count
    for _ in range(5):
        assert api(client, q="jeugdzorg")["X-Search-Backend"] == "database"
    assert stoppable_engine.request_count == asked


def test_the_outage_is_logged_once_not_per_request(
    indexed, stoppable_engine, client, settings, caplog
):
    settings.SEARCH_ENGINE_RETRY_AFTER = 0  # try the engine on every request
    stoppable_engine.stop()
    asked = stoppable_engine.request_count
    with caplog.at_level(logging.WARNING, logger="search.engine"):
        for _ in range(3):
            assert api(client, q="wijkteam").status_code == 200
    assert stoppable_engine.request_count == asked + 3
    assert len([r for r in caplog.records if r.name == "search.engine"]) == 1


def test_publishing_while_the_engine_is_down_succeeds_and_is_sent_later(
    indexed, stoppable_engine, practice_index, client, django_capture_on_commit_callbacks
):
    stoppable_engine.stop()
    with django_capture_on_commit_callbacks(execute=True):
        page = make_practice(
            practice_index,
            "Buurtkamer Lelystad",
            municipality=place(),
            summary="Een buurtkamer voor ontmoeting.",
        )
    page.refresh_from_db()
    assert page.live
    assert PendingIndexUpdate.objects.filter(object_id=str(page.pk)).exists()

    stoppable_engine.restart()  # back, but empty: only what is retried will be in it
    stoppable_engine.rebuild(schema_only=True)
    call_command("retry_search_index", verbosity=0)

    assert not PendingIndexUpdate.objects.exists()
    response = api(client, q="buurtkamer")
    assert response["X-Search-Backend"] == "elasticsearch"
    assert [r["title"] for r in response.json()["results"]] == ["Buurtkamer Lelystad"]


def test_queued_updates_go_out_with_the_next_publish_once_the_engine_is_back(
    indexed, stoppable_engine, practice_index, client, settings, django_capture_on_commit_callbacks
):
    settings.SEARCH_ENGINE_RETRY_AFTER = 0  # the breaker lets the next publish try the engine
    stoppable_engine.stop()
    with django_capture_on_commit_callbacks(execute=True):
        make_practice(practice_index, "Buurtkamer Lelystad", municipality=place())
    stoppable_engine.restart()
    stoppable_engine.rebuild(schema_only=True)
    with django_capture_on_commit_callbacks(execute=True):
        make_practice(practice_index, "Buurtkamer Emmeloord", municipality=place())

    assert not PendingIndexUpdate.objects.exists()
    response = api(client, q="buurtkamer", sort="newest")
    assert response["X-Search-Backend"] == "elasticsearch"
    assert [r["title"] for r in response.json()["results"]] == [
        "Buurtkamer Emmeloord",
        "Buurtkamer Lelystad",
    ]


def test_deleting_a_page_while_the_engine_is_down_queues_one_delete(
    indexed, stoppable_engine, practice_index, django_capture_on_commit_callbacks
):
    page = make_practice(practice_index, "Buurtkamer Dronten", municipality=place())
    stoppable_engine.stop()
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()  # removes the practice's row and its Page row: one document in the engine

    queued = list(PendingIndexUpdate.objects.values_list("object_id", "action"))
    assert queued == [(str(page.pk), PendingIndexUpdate.Action.DELETE)]

    stoppable_engine.restart()
    stoppable_engine.rebuild(schema_only=True)
    call_command("retry_search_index", verbosity=0)
    assert not PendingIndexUpdate.objects.exists()
