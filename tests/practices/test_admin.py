"""The editors' admin: taxonomy screens, municipality reference data and 'Toe aan een update'."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from practices.models import Municipality, Theme
from practices.setup import ensure_practices_setup
from tests.factories import make_practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(get_user_model().objects.create_superuser("b", "b@example.org", "pw"))
    return client


def test_themes_are_listed_per_language_and_searchable(admin_client):
    url = reverse("wagtailsnippets_practices_theme:list")
    english = admin_client.get(url, {"locale": "en"}).content.decode()
    assert "Youth care" in english and ">Jeugdzorg<" not in english
    found = admin_client.get(url, {"q": "jeugd", "locale": "nl"}).content.decode()
    assert "Jeugdzorg" in found and "Omgevingswet" not in found


def test_municipalities_filter_by_province_and_cannot_be_added(admin_client):
    url = reverse("wagtailsnippets_practices_municipality:list")
    limburg = Municipality.objects.get(name="Venlo").province
    listing = admin_client.get(url, {"province": limburg.pk}).content.decode()
    assert "Venlo" in listing and "Barneveld" not in listing
    add = admin_client.get(reverse("wagtailsnippets_practices_municipality:add"))
    assert add.status_code in (302, 403)


def make_due_practice(index, title, review_date):
    return make_practice(
        index,
        title,
        municipality=Municipality.objects.get(cbs_code="GM0203"),
        themes=[Theme.objects.get(slug="wmo", locale__language_code="nl")],
        review_date=review_date,
    )


def test_practices_past_their_review_date_are_due_for_an_update(admin_client):
    index = ensure_practices_setup()
    today = datetime.date.today()
    make_due_practice(index, "Verouderd verhaal", today - datetime.timedelta(days=30))
    make_due_practice(index, "Nog actueel verhaal", today + datetime.timedelta(days=30))
    report = admin_client.get(reverse("practices_review_due")).content.decode()
    assert "Verouderd verhaal" in report and "Nog actueel verhaal" not in report
    dashboard = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Toe aan een update" in dashboard and "Verouderd verhaal" in dashboard
