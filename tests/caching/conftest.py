"""A practice in a theme, served from the server-side page cache."""

import pytest
from django.core.cache import cache

from tests.agenda.conftest import agenda, module_agenda  # noqa: F401 (fixtures for these tests)
from tests.factories import MunicipalityFactory, ProvinceFactory, ThemeFactory, make_practice


@pytest.fixture
def server_cache(settings):
    settings.PAGE_CACHE_SERVER_SIDE = True
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def theme(db):
    return ThemeFactory(name="De bedoeling", slug="de-bedoeling")


@pytest.fixture
def practice(practice_index, theme):
    place = MunicipalityFactory(
        name="Barneveld", slug="barneveld", cbs_code="GM0203", province=ProvinceFactory()
    )
    return make_practice(
        practice_index,
        "Barneveld stopt met interne doorbelasting",
        summary="Het team ging met inwoners aan de keukentafel zitten.",
        municipality=place,
        themes=[theme],
    )
