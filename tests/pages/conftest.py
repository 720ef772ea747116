"""Content for the page tests: a few practices in real municipalities (loaded by the places migration)."""

import datetime

import pytest
from django.db import transaction
from wagtail.models import Locale

from home.site_structure import ensure_site_structure
from practices.models import LearningForm, Municipality, ProfessionalGroup, Theme
from tests.factories import PracticeIndexPageFactory, make_practice


def term(model, slug, language="nl"):
    return model.objects.get(slug=slug, locale__language_code=language)


def translate(page, title, summary):
    """Publish an English translation of `page` pointing at the English terms, as an editor would."""
    english_locale = Locale.objects.get(language_code="en")
    english = page.copy_for_translation(english_locale, copy_parents=True)
    english.title, english.summary = title, summary
    # Keep the links in memory (a fresh .all() would reread them) and point them at English terms.
    for relation, field in (
        ("practice_themes", "theme"),
        ("practice_professional_groups", "professional_group"),
        ("practice_learning_forms", "learning_form"),
    ):
        links = list(getattr(english, relation).all())
        for link in links:
            setattr(link, field, getattr(link, field).get_translation(english_locale))
        setattr(english, relation, links)
    english.save_revision().publish()
    parent = english.get_parent().specific
    if not parent.live:
        parent.save_revision().publish()
    return english


@pytest.fixture(scope="module")
def site_content(django_db_setup, django_db_blocker):
    """Built once per test module inside a transaction that is rolled back afterwards.

    Each test still runs in its own savepoint (the `db` fixture), so tests stay independent.
    """
    with django_db_blocker.unblock():
        with transaction.atomic():
            home = ensure_site_structure()
            index = PracticeIndexPageFactory(parent=home)
            yield build_cases(index)
            transaction.set_rollback(True)


@pytest.fixture
def cases(site_content, db):
    return site_content


@pytest.fixture
def places(db):
    return {
        code: Municipality.objects.get(cbs_code=code) for code in ("GM0203", "GM0228", "GM0344")
    }


def build_cases(practice_index):
    """Barneveld has two cases, Ede one, Utrecht one; one Barneveld case is translated into English."""
    places = {
        code: Municipality.objects.get(cbs_code=code) for code in ("GM0203", "GM0228", "GM0344")
    }
    purpose = term(Theme, "de-bedoeling")
    youth = term(Theme, "jeugdzorg")
    hrm = term(ProfessionalGroup, "hrm")
    intervision = term(LearningForm, "intervisie")
    barneveld = make_practice(
        practice_index,
        "Barneveld stopt met interne doorbelasting",
        summary="Het team vroeg waarvoor de doorbelasting diende en stopte ermee.",
        municipality=places["GM0203"],
        themes=[purpose],
        professional_groups=[hrm],
        learning_forms=[intervision],
        situation="Niemand wist meer waarvoor de doorbelasting diende.",
        approach="Het team bracht in kaart wat elke regel kostte.",
        results="Minder administratie.",
        lessons="Begin bij de bedoeling.",
        practice_date=datetime.date(2017, 5, 1),
        contact_name="Anne de Vries",
        contact_role="Teamleider",
        contact_email="anne.devries@barneveld.example",
    )
    barneveld_two = make_practice(
        practice_index,
        "Barneveld bespreekt casussen met huisartsen",
        municipality=places["GM0203"],
        themes=[youth],
        professional_groups=[hrm],
        practice_date=datetime.date(2022, 3, 1),
    )
    ede = make_practice(
        practice_index,
        "Ede koopt jeugdzorg in op resultaat",
        municipality=places["GM0228"],
        themes=[youth, purpose],
        practice_date=datetime.date(2019, 9, 1),
    )
    utrecht = make_practice(
        practice_index,
        "Utrecht voert keukentafelgesprekken",
        municipality=places["GM0344"],
        themes=[youth],
        practice_date=datetime.date(2020, 1, 1),
    )
    english = translate(
        barneveld,
        "Barneveld stops internal recharging",
        "The team asked what the recharging was for, and stopped it.",
    )
    return {
        "index": practice_index,
        "places": places,
        "barneveld": barneveld,
        "barneveld_two": barneveld_two,
        "ede": ede,
        "utrecht": utrecht,
        "english": english,
    }
