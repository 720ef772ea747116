"""One live server with demo-like content and one headless Chromium for all browser tests.

pytest-django's `live_server` fixture would wrap every test in `transactional_db`, which empties
the database after each test; building the content once per session is what keeps these tests
fast. So the server below is pytest-django's own `LiveServer`, started once, serving content that
is committed once into the test database (put back in its just-migrated state first and again at
the end). pytest-django runs these tests after all other database tests.
"""

import os
from pathlib import Path

import pytest
from django.db import connection
from pytest_django.live_server_helper import LiveServer

from tests.browser.content import build_site_content, restore_migrated_state

# Never let Playwright fetch a browser of its own: Debian's chromium is the one we use.
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

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


CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


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


@pytest.fixture(scope="session")
def browser(site):
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make install-test` installs Debian's chromium.")
    # Playwright's sync API keeps an event loop in this thread; the ORM calls made beside it (each
    # test's transaction) are plain synchronous ones, so Django's async guard does not apply.
    # Only while the browser runs: the variable must not reach other tests or their subprocesses.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, site):
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
