"""One live server with demo-like content and one headless Chromium for all browser tests.

pytest-django's `live_server` fixture would wrap every test in `transactional_db`, which empties
the database after each test; building the content once per session is what keeps these tests
fast. So the server below is pytest-django's own `LiveServer`, started once, serving content that
is committed once. These tests request no `db` fixture, so pytest-django runs them after all
database tests; when the session ends the database is emptied, as after any transactional test.
"""

import os

import pytest
from django.core.management import call_command
from pytest_django.live_server_helper import LiveServer

from tests.browser.content import build_site_content

# Never let Playwright fetch a browser of its own: Debian's chromium is the one we use.
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

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
        pages = build_site_content()
        server = LiveServer("127.0.0.1")
        server.pages = pages
        try:
            yield server
        finally:
            server.stop()
            call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(scope="session")
def browser(site):
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make install-test` installs Debian's chromium.")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


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
