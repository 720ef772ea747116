"""One live server with demo-like content for all browser tests (the one headless Chromium is
the `browser` fixture of tests/conftest.py).

pytest-django's `live_server` fixture would wrap every test in `transactional_db`, which empties
the database after each test; building the content once per session is what keeps these tests
fast. So the server below is pytest-django's own `LiveServer`, started once, serving content that
is committed once into the test database (put back in its just-migrated state first and again at
the end). pytest-django runs these tests after all other database tests.
"""

from pathlib import Path

import pytest
from django.db import connection
from pytest_django.live_server_helper import LiveServer

from tests.browser.content import build_site_content, restore_migrated_state

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items):
    """Browser tests use the test database (so pytest-django creates it even when they run alone),
    and ask for its state right after the migrations to be kept (serialized_rollback): a
    transactional test that ran before them has emptied it, places and terms included.

    This runs after pytest-django has put the tests in order, so they stay last.
    """
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.django_db(serialized_rollback=True))


@pytest.fixture(scope="session")
def site(django_db_setup, django_db_blocker):
    """The running site: `site.url` is its address, `site.pages` the addresses of its content."""
    with django_db_blocker.unblock():
        name = str(connection.settings_dict["NAME"])
        if "test" not in name and "memory" not in name:
            pytest.fail(f"refusing to fill and empty {name}: not a test database")
        restore_migrated_state()
        pages = build_site_content()
        server = LiveServer("127.0.0.1")
        server.pages = pages
        try:
            yield server
        finally:
            server.stop()
            restore_migrated_state()


@pytest.fixture
def page(site, browser):  # the site first: its database work must not run in Playwright's context
    """A fresh tab (no cookies) that refuses every address other than the site's own."""
    context = browser.new_context(base_url=site.url, locale="nl-NL")
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if route.request.url.startswith(site.url) else route.abort()
        ),
    )
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()
