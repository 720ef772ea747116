"""One live server with demo-like content and one headless Chromium for all browser tests.

pytest-django's `live_server` fixture would wrap every test in `transactional_db`, which empties
the database after each test; building the content once for the package is what keeps these tests
fast. So the server below is pytest-django's own `LiveServer`, started once, serving content that
is committed once into the test database. When the package is done, the database is put back as
every other test starts from it (tests/database.py), so an xdist worker can run other tests after
these.
"""

from pathlib import Path

import pytest

from tests.browser.chromium import running_chromium
from tests.browser.content import build_site_content, content_addresses
from tests.demo import content_fixture
from tests.live_server import start_live_server

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items):
    """Browser tests use the test database (so pytest-django creates it even when they run alone)."""
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.django_db)


site_content = content_fixture("browser", build_site_content, scope="package")


@pytest.fixture(scope="package")
def site(site_content):
    """The running site: `site.url` is its address, `site.pages` the addresses of its content."""
    server = start_live_server()
    server.pages = content_addresses()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="package")
def browser():
    """Headless Chromium for this package (tests/browser/chromium.py); it is closed when the
    package is done, as Playwright's event loop must not outlive the browser tests."""
    with running_chromium() as chromium:
        yield chromium


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
