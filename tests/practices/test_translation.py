"""Translating a practice with wagtail-localize gives an English page that points at English terms."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Locale

from practices.models import Municipality, PracticePage, ProfessionalGroup, Theme
from practices.setup import ensure_practices_setup
from tests.factories import make_practice

pytestmark = pytest.mark.django_db


def test_translated_practice_points_at_english_terms(client):
    index = ensure_practices_setup()
    page = make_practice(
        index,
        "Intervisie in een Deventer wijkteam",
        municipality=Municipality.objects.get(cbs_code="GM0150"),
        themes=[Theme.objects.get(slug="collegiaal-leren", locale__language_code="nl")],
        professional_groups=[
            ProfessionalGroup.objects.get(slug="wijkteams", locale__language_code="nl")
        ],
        situation="Medewerkers twijfelden alleen.",
    )
    english = Locale.objects.get(language_code="en")
    client.force_login(get_user_model().objects.create_superuser("v", "v@example.org", "pw"))

    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.id]),
        {"locales": [english.id]},
    )
    assert response.status_code == 302

    translation = PracticePage.objects.get(translation_key=page.translation_key, locale=english)
    assert translation.get_parent().url == "/en/practice-examples/"
    # The translator publishes the translation (its draft holds the translated content).
    translation.latest_revision.publish()
    translation = PracticePage.objects.get(pk=translation.pk)
    assert [term.name for term in translation.themes] == ["Peer learning"]
    assert [term.name for term in translation.professional_groups] == ["Neighbourhood teams"]
    assert all(link.locale == english for link in translation.practice_themes.all())
    assert translation.municipality == page.municipality
