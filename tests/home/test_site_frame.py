"""The frame every visitor sees: language, skip link, search box, switcher, error pages."""

import os
import subprocess
import sys
from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import RequestFactory
from wagtail.models import Page

from home.models import HomePage
from home.views import server_error
from tests.demo import build_site, content_fixture


def test_dutch_home_page_is_served_at_root_in_dutch(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl"' in html
    assert "Naar de inhoud" in html
    assert 'id="main"' in html
    assert 'action="/zoeken/"' in html


def test_english_home_page_is_served_under_en_in_english(client, english_home):
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert english_home.title in html
    assert 'action="/en/search/"' in html


def test_language_switcher_leads_to_the_translated_page(client, home_page, english_home):
    html = client.get("/").content.decode()
    assert 'href="/en/" lang="en" hreflang="en">English' in html
    html = client.get("/en/").content.decode()
    assert 'href="/" lang="nl" hreflang="nl">Nederlands' in html


def test_search_page_has_a_dutch_and_an_english_address(client, home_page):
    assert client.get("/zoeken/").status_code == 200
    response = client.get("/en/search/")
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()


def test_unknown_address_shows_a_dutch_not_found_page(client, home_page):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Pagina niet gevonden" in html
    assert '<html lang="nl"' in html


def test_server_error_page_is_friendly_and_shows_no_traceback(rf: RequestFactory):
    response = server_error(rf.get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Er ging iets mis" in html
    assert "Traceback" not in html


# The site as `setup_site --no-admin` leaves it, built once (tests/demo.py).
site_content = content_fixture("site", build_site)


def test_setup_twice_changes_nothing(site_content, db):
    counts = (Page.objects.count(), HomePage.objects.count())
    call_command("setup_site", "--no-admin", stdout=StringIO())
    assert (Page.objects.count(), HomePage.objects.count()) == counts
    assert HomePage.objects.filter(locale__language_code="en").count() == 1


def test_admin_password_is_generated_and_shown_only_once(db):
    first, second = StringIO(), StringIO()
    call_command("ensure_admin", stdout=first)
    call_command("ensure_admin", stdout=second)
    password = first.getvalue().split("wachtwoord:")[1].split()[0]
    assert len(password) >= 16
    assert get_user_model().objects.get(username="admin").check_password(password)
    assert password not in second.getvalue()
    assert get_user_model().objects.filter(is_superuser=True).count() == 1


def _import_production_settings(**env):
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import kennisbank.settings.production"],
        env=environment,
        capture_output=True,
        text=True,
    )


def test_production_refuses_the_development_secret_key():
    result = _import_production_settings()
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_debug():
    result = _import_production_settings(SECRET_KEY="x" * 60, DEBUG="true")
    assert result.returncode != 0
    assert "DEBUG" in result.stderr


def test_production_starts_with_a_real_secret():
    result = _import_production_settings(
        SECRET_KEY="a-real-secret-" + "k" * 50,
        DATABASE_URL="postgres://kennisbank@db.internal/kennisbank",
        ALLOWED_HOSTS="kennisbank.example.org",
        WAGTAILADMIN_BASE_URL="https://kennisbank.example.org",
    )
    assert result.returncode == 0, result.stderr
