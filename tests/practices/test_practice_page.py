"""The practice page as editors and readers meet it."""

import pytest
from django.core.exceptions import ValidationError

from practices.models import PracticePage
from tests.factories import MunicipalityFactory, ThemeFactory, make_practice


def test_published_practice_is_served_under_the_index(client, practice_index):
    barneveld = MunicipalityFactory(name="Barneveld", cbs_code="GM0203")
    theme = ThemeFactory(name="De bedoeling", slug="de-bedoeling")
    page = make_practice(
        practice_index,
        "Barneveld stopt met interne doorbelasting",
        municipality=barneveld,
        themes=[theme],
        situation="Niemand wist meer waarvoor de doorbelasting diende.",
    )
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Barneveld stopt met interne doorbelasting" in response.content.decode()


def test_practice_without_any_section_is_refused_with_a_dutch_message(practice_index):
    page = PracticePage(title="Leeg", summary="x", municipality=MunicipalityFactory())
    page.situation = page.approach = page.results = page.lessons = []
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "Vul minstens één van de onderdelen" in str(error.value)


def test_practice_needs_a_municipality_or_a_partnership(practice_index):
    page = PracticePage(title="Zonder plek", summary="x")
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "Kies de gemeente" in str(error.value)


def test_publishing_outside_an_import_still_validates_the_practice(practice_index):
    """Only the importer publishes its own, already validated, revisions unchecked: a revision
    published the ordinary way is still validated in full, whatever the import skips."""
    page = make_practice(practice_index, "Een praktijk", municipality=MunicipalityFactory())
    page.summary = ""
    revision = page.save_revision(clean=False)
    with pytest.raises(ValidationError) as error:
        revision.publish()
    assert "Schrijf een korte samenvatting" in str(error.value)
