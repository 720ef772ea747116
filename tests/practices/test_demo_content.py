"""`load_demo_content`: a realistic demo set that loading twice leaves unchanged."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision

from practices.models import PracticePage

pytestmark = pytest.mark.django_db


def load():
    call_command("load_demo_content", stdout=io.StringIO())


@pytest.fixture(scope="module", autouse=True)
def loaded_once(module_db):
    """The demo content as the first `load_demo_content` leaves it, loaded once for the module;
    each test loads again where it checks what a second load does."""
    load()


def test_demo_content_loads_twice_without_change():
    pages, revisions = Page.objects.count(), Revision.objects.count()
    load()
    assert Page.objects.count() == pages
    assert Revision.objects.count() == revisions
    assert not any(Page.find_problems())


def test_demo_content_spreads_over_provinces_and_languages():
    dutch = PracticePage.objects.live().filter(locale__language_code="nl")
    assert dutch.count() >= 24
    assert PracticePage.objects.live().filter(locale__language_code="en").count() >= 4
    provinces = {m.province.name for page in dutch for m in page.municipalities}
    assert len(provinces) == 12
    years = {page.practice_date.year for page in dutch}
    assert min(years) == 2015 and max(years) >= 2024


def test_demo_has_a_2016_case_from_a_municipality_that_has_since_merged():
    page = PracticePage.objects.get(external_id="demo-bedum-een-loket", locale__language_code="nl")
    assert page.practice_date.year == 2016
    assert not page.municipality.is_current
    assert page.municipality.current.name == "Het Hogeland"


def test_demo_does_not_overwrite_an_editors_change():
    page = PracticePage.objects.get(external_id="demo-gouda-rollenspel-jeugd")
    page.summary = "Door de redactie herschreven."
    page.save_revision().publish()
    load()
    page.refresh_from_db()
    assert page.summary == "Door de redactie herschreven."
