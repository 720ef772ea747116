"""Choosing a municipality in the practice editor: search, former municipalities marked and refused."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from practices.models import Municipality, PracticePage, Theme
from practices.setup import ensure_practices_setup
from tests.factories import make_practice
from tests.practices.admin_forms import practice_form_data

pytestmark = pytest.mark.django_db

CHOOSE = "wagtailsnippetchoosers_practices_municipality:choose"
RESULTS = "wagtailsnippetchoosers_practices_municipality:choose_results"


@pytest.fixture
def editor_client(client):
    client.force_login(get_user_model().objects.create_superuser("r", "r@example.org", "pw"))
    return client


def chooser_results(client, **params):
    response = client.get(reverse(RESULTS), params)
    assert response.status_code == 200
    return response.content.decode()


def test_typing_part_of_a_name_finds_the_municipality_on_the_first_screen(editor_client):
    found = chooser_results(editor_client, q="kamp")
    assert "Kampen" in found
    assert "Barneveld" not in found


def test_the_chooser_opens_with_a_search_field(editor_client):
    response = editor_client.get(reverse(CHOOSE))
    html = response.json()["html"]
    assert 'id="id_q"' in html and "Zoek een gemeente" in html


def test_a_cbs_code_finds_its_municipality(editor_client):
    assert "Kampen" in chooser_results(editor_client, q="GM0166")
    assert "Kampen" in chooser_results(editor_client, q="166")


def test_a_former_name_finds_the_municipality_it_merged_into(editor_client):
    found = chooser_results(editor_client, q="Aalburg")
    assert "Altena" in found
    # The former municipality itself is not offered unless asked for.
    assert "opgegaan in Altena" not in found


def test_former_municipalities_are_marked_with_what_they_became_and_when(editor_client):
    found = chooser_results(editor_client, q="Aalburg", former="on")
    assert "Aalburg" in found and "opgegaan in Altena (2019)" in found


def practice_form(**overrides):
    defaults = {
        "title": "Zelfsturing in het sociaal team",
        "slug": "zelfsturing-sociaal-team",
        "municipality": Municipality.objects.get(cbs_code="GM0150"),  # Deventer
        "themes": [Theme.objects.get(slug="collegiaal-leren", locale__language_code="nl")],
    }
    defaults.update(overrides)
    return practice_form_data(**defaults)


def test_a_former_municipality_is_refused_for_a_new_practice(editor_client):
    index = ensure_practices_setup()
    aalburg = Municipality.objects.get(name="Aalburg")
    url = reverse("wagtailadmin_pages:add", args=["practices", "practicepage", index.id])
    response = editor_client.post(url, practice_form(municipality=aalburg))
    assert response.status_code == 200
    assert "Aalburg bestaat niet meer" in response.content.decode()
    assert "Kies Altena" in response.content.decode()
    assert not PracticePage.objects.filter(slug="zelfsturing-sociaal-team").exists()


def test_a_former_municipality_an_old_practice_was_saved_with_stays_valid(editor_client):
    index = ensure_practices_setup()
    aalburg = Municipality.objects.get(name="Aalburg")
    theme = Theme.objects.get(slug="collegiaal-leren", locale__language_code="nl")
    page = make_practice(index, "Oud verhaal uit Aalburg", municipality=aalburg, themes=[theme])
    url = reverse("wagtailadmin_pages:edit", args=[page.id])
    data = practice_form(title="Oud verhaal uit Aalburg", slug=page.slug, municipality=aalburg)
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()
    assert page.get_latest_revision().as_object().municipality == aalburg
