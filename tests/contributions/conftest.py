"""Fixtures for the contribution form: the site with its practice index, workflow, terms and places."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import transaction
from wagtail.models import Locale

from contributions.setup import ensure_contributions
from home.site_structure import ensure_site_structure
from tests.factories import MunicipalityFactory, PracticeIndexPageFactory, ThemeFactory


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    # The rate limit lives in the cache, which outlives a test's database transaction.
    cache.clear()
    yield
    cache.clear()


def moderation_workflow():
    """The practices workflow when the practices app provides it, else Wagtail's default."""
    try:
        from practices.setup import ensure_moderation
    except ImportError:
        return None
    return ensure_moderation()


def build_site():
    """Dutch and English practice indexes and form pages, terms in both languages, a place, an editor."""
    home_page = ensure_site_structure()
    index = PracticeIndexPageFactory(parent=home_page)
    english = Locale.objects.get(language_code="en")
    english_index = index.copy_for_translation(english)
    english_index.save_revision().publish()
    workflow = moderation_workflow()
    form_page = ensure_contributions()
    terms = {
        "nl": ThemeFactory(name="Jeugd", slug="jeugd"),
        "nl_2": ThemeFactory(name="Wmo", slug="wmo"),
    }
    terms["en"] = ThemeFactory(
        name="Youth", slug="youth", locale=english, translation_key=terms["nl"].translation_key
    )
    zwolle = MunicipalityFactory(name="Zwolle", cbs_code="GM0193")
    editors = Group.objects.get_or_create(name="Redactie")[0]
    editor = get_user_model().objects.create_user(
        "redacteur", "redactie@example.nl", "x", is_staff=True
    )
    editor.groups.add(editors)
    return {
        "editor": editor,
        "index": index,
        "english_index": english_index,
        "form_page": form_page,
        "english_form_page": form_page.get_translation(english),
        "workflow": workflow,
        "terms": terms,
        "zwolle": zwolle,
    }


@pytest.fixture(scope="module")
def module_site(django_db_setup, django_db_blocker):
    """Built once per module inside a transaction that is rolled back at the end of the module;
    each test's own transaction nests inside it, so tests stay independent but setup is paid once."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_site()
        transaction.set_rollback(True)


@pytest.fixture
def site_with_form(module_site, db):
    return module_site


@pytest.fixture
def valid_data(site_with_form):
    return {
        "title": "Keukentafelgesprekken in het wijkteam",
        "municipality": "Zwolle",
        "practice_year": "2017",
        "themes": [str(site_with_form["terms"]["nl"].pk)],
        "summary": "Het wijkteam voert het gesprek aan de keukentafel, met de bedoeling voorop.",
        "situation": "Inwoners vielen tussen wal en schip.\n\nDe regels stonden voorop.",
        "approach": "We begonnen met intervisie.",
        "results": "",
        "lessons": "",
        "contact_name": "Anna de Vries",
        "contact_role": "Beleidsmedewerker Wmo",
        "contact_email": "",
        "submitter_name": "Bram Jansen",
        "submitter_email": "bram@example.nl",
        "consent": "on",
        "website": "",
    }


def pdf_bytes():
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
