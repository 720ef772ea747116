"""The load balancer's endpoints: liveness without the database, readiness with it."""

import socket

import pytest
from django.db import OperationalError, connection

from operations import health


def refuse_queries(execute, sql, params, many, context):
    raise OperationalError(
        "connection to server at 127.0.0.1, port 5432 failed: Connection refused"
    )


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(autouse=True)
def fresh_search_status():
    health._search_cache.update(checked_at=0.0, status=None)


def test_liveness_answers_without_touching_the_database(client):
    # No django_db mark: pytest-django raises if the request touches the database at all.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_liveness_stays_up_while_the_database_is_down(client):
    with connection.execute_wrapper(refuse_queries):
        assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_readiness_reports_database_ok_and_search_not_configured(client, settings):
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "search": "not configured"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_readiness_fails_with_503_while_the_database_is_down(client):
    with connection.execute_wrapper(refuse_queries):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


@pytest.mark.django_db
def test_readiness_says_search_is_degraded_when_the_engine_does_not_answer(client, settings):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database"},
        "elasticsearch": {
            "BACKEND": "wagtail.search.backends.elasticsearch9",
            "URLS": [f"http://127.0.0.1:{closed_port()}"],
            "TIMEOUT": 0.5,
        },
    }
    response = client.get("/readyz")
    # Still ready: search falls back to the database, so the instance can serve traffic.
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "search": "degraded"}


@pytest.mark.django_db
def test_health_endpoints_have_no_language_prefix_and_need_no_login(client):
    assert client.get("/en/healthz/").status_code == 404
    assert client.get("/readyz").status_code == 200
