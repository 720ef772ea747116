"""A practice in Dutch with its English translation, a draft and a private page beside it.

Made once per module (`module_db`), each when a test first asks for it (the translation per test);
each test gets its own copies read from the database.
"""

import pytest
from wagtail.models import Locale, PageViewRestriction

from tests.browser.content import translate_practice
from tests.database import reloaded
from tests.factories import (
    MunicipalityFactory,
    ProfessionalGroupFactory,
    ProvinceFactory,
    ThemeFactory,
    make_practice,
)


@pytest.fixture(scope="module")
def module_places(module_db):
    gelderland = ProvinceFactory(name="Gelderland", slug="gelderland")
    return {
        "barneveld": MunicipalityFactory(
            name="Barneveld", slug="barneveld", cbs_code="GM0203", province=gelderland
        ),
        "ede": MunicipalityFactory(name="Ede", slug="ede", cbs_code="GM0228", province=gelderland),
    }


@pytest.fixture(scope="module")
def module_themes(module_db):
    english = Locale.objects.get_or_create(language_code="en")[0]
    purpose = ThemeFactory(name="De bedoeling", slug="de-bedoeling")
    youth = ThemeFactory(name="Jeugdzorg", slug="jeugdzorg")
    for theme, name, slug in (
        (purpose, "Purpose first", "purpose-first"),
        (youth, "Youth care", "youth-care"),
    ):
        if not theme.has_translation(english):
            translated = theme.copy_for_translation(english)
            translated.name, translated.slug = name, slug
            translated.save()
    return {"purpose": purpose, "youth": youth}


@pytest.fixture(scope="module")
def module_practice(module_practice_index, module_places, module_themes):
    practice_index, places, themes = module_practice_index, module_places, module_themes
    return make_practice(
        practice_index,
        "Barneveld stopt met interne doorbelasting",
        summary="Het team merkte dat doorbelasting het keukentafelgesprek in de weg zat.",
        municipality=places["barneveld"],
        themes=[themes["purpose"]],
        professional_groups=[ProfessionalGroupFactory(name="Wmo-consulent", slug="wmo-consulent")],
        situation="Niemand wist meer waarvoor de doorbelasting diende.",
    )


@pytest.fixture
def english_practice(practice):
    """Made per test: the module's other tests check the practice without a translation."""
    return translate_practice(
        practice,
        "Barneveld stops internal recharging",
        "The team noticed that recharging got in the way of kitchen-table conversations.",
    )


@pytest.fixture(scope="module")
def module_draft_practice(module_practice_index, module_places, module_themes):
    practice_index, places, themes = module_practice_index, module_places, module_themes
    return make_practice(
        practice_index,
        "Ede concept dat nog niet af is",
        municipality=places["ede"],
        themes=[themes["youth"]],
        publish=False,
        live=False,
    )


@pytest.fixture(scope="module")
def module_private_practice(module_practice_index, module_places, module_themes):
    practice_index, places, themes = module_practice_index, module_places, module_themes
    page = make_practice(
        practice_index,
        "Alleen voor ingelogde collega's",
        municipality=places["ede"],
        themes=[themes["youth"]],
    )
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


@pytest.fixture
def places(module_places, db):
    return reloaded(module_places)


@pytest.fixture
def themes(module_themes, db):
    return reloaded(module_themes)


@pytest.fixture
def practice(module_practice, db):
    return reloaded(module_practice)


@pytest.fixture
def draft_practice(module_draft_practice, db):
    return reloaded(module_draft_practice)


@pytest.fixture
def private_practice(module_private_practice, db):
    return reloaded(module_private_practice)
