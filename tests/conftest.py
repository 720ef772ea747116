"""Shared fixtures: the site skeleton every page test needs."""

import pytest

from home.site_structure import ensure_site_structure


@pytest.fixture
def home_page(db):
    """The Dutch home page, with its English translation and the default site."""
    return ensure_site_structure()


@pytest.fixture
def english_home(home_page):
    from wagtail.models import Locale

    return home_page.get_translation(Locale.objects.get(language_code="en"))


@pytest.fixture
def practice_index(home_page):
    from tests.factories import PracticeIndexPageFactory

    return PracticeIndexPageFactory(parent=home_page)


@pytest.fixture(scope="session")
def browser():
    """The session's one headless Chromium (tests/browser/chromium.py), shared by all browser tests."""
    from tests.browser.chromium import running_chromium

    with running_chromium() as chromium:
        yield chromium
