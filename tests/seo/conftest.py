"""A practice in Dutch with its English translation, a draft and a private page beside it."""

import pytest
from wagtail.models import Locale, PageViewRestriction

from tests.browser.content import translate_practice
from tests.factories import (
    MunicipalityFactory,
    ProfessionalGroupFactory,
    ProvinceFactory,
    ThemeFactory,
    make_practice,
)


@pytest.fixture
def places(db):
    gelderland = ProvinceFactory(name="Gelderland", slug="gelderland")
    return {
        "barneveld": MunicipalityFactory(
            name="Barneveld", slug="barneveld", cbs_code="GM0203", province=gelderland
        ),
        "ede": MunicipalityFactory(name="Ede", slug="ede", cbs_code="GM0228", province=gelderland),
    }


@pytest.fixture
def themes(db):
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


@pytest.fixture
def practice(practice_index, english_home, places, themes):
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
    return translate_practice(
        practice,
        "Barneveld stops internal recharging",
        "The team noticed that recharging got in the way of kitchen-table conversations.",
    )


@pytest.fixture
def draft_practice(practice_index, places, themes):
    return make_practice(
        practice_index,
        "Ede concept dat nog niet af is",
        municipality=places["ede"],
        themes=[themes["youth"]],
        publish=False,
        live=False,
    )


@pytest.fixture
def private_practice(practice_index, places, themes):
    page = make_practice(
        practice_index,
        "Alleen voor ingelogde collega's",
        municipality=places["ede"],
        themes=[themes["youth"]],
    )
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page
