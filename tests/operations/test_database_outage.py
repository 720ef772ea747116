"""What a visitor sees while PostgreSQL is unreachable: a styled Dutch 503 with Retry-After, never
a stack trace, and the normal page again as soon as the database is back.

The outage is made at the database driver boundary (every query fails the way psycopg fails on a
refused connection); the fault script `scripts/fault_test.py` restarts a real PostgreSQL server.
"""

from contextlib import contextmanager

from django.db import InterfaceError, OperationalError, connection
from django.test import Client


@contextmanager
def database_down(error=OperationalError):
    def refuse(execute, sql, params, many, context):
        raise error("server closed the connection unexpectedly")

    with connection.execute_wrapper(refuse):
        yield


def test_visitors_get_a_friendly_dutch_503_while_the_database_is_down(client, home_page):
    with database_down():
        response = client.get("/")
    assert response.status_code == 503
    html = response.content.decode()
    assert '<html lang="nl"' in html
    assert "De kennisbank is even niet beschikbaar" in html
    assert "kennisbank.css" in html
    assert "Traceback" not in html and "OperationalError" not in html
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]


def test_english_visitors_get_the_503_page_in_english_markup(client, english_home):
    with database_down():
        response = client.get("/en/")
    assert response.status_code == 503
    assert '<html lang="en"' in response.content.decode()


def test_a_lost_connection_also_gives_the_friendly_503(client, home_page):
    with database_down(InterfaceError):
        response = client.get("/zoeken/?q=intervisie")
    assert response.status_code in (200, 503)  # the search page may not need the database
    with database_down(InterfaceError):
        response = client.get("/")
    assert response.status_code == 503


def test_form_posts_during_an_outage_get_the_503_not_a_500(home_page, django_user_model):
    django_user_model.objects.create_superuser("beheer", "beheer@example.nl", "geheim-wachtwoord")
    client = Client(raise_request_exception=False)
    with database_down():
        response = client.post(
            "/admin/login/", {"username": "beheer", "password": "geheim-wachtwoord"}
        )
    assert response.status_code == 503
    assert "Retry-After" in response


def test_logged_in_editors_get_the_503_in_the_admin_too(admin_client, home_page):
    admin_client.raise_request_exception = False
    with database_down():
        response = admin_client.get("/admin/pages/")
    assert response.status_code == 503


def test_the_site_recovers_by_itself_when_the_database_is_back(client, home_page):
    with database_down():
        assert client.get("/").status_code == 503
    response = client.get("/")
    assert response.status_code == 200
    assert home_page.title in response.content.decode()
