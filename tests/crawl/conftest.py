"""The demo site exactly as `make run` builds it, served once for the crawl, and one headless Chromium.

Like the accessibility tests (tests/browser/conftest.py), the content is committed once into the test
database for a server thread to serve, and the database is put back as every other test starts from
it (tests/database.py) when the package is done.
"""

import os
from pathlib import Path

import pytest

from tests.browser.chromium import running_chromium
from tests.demo import build_site, content_fixture
from tests.live_server import start_live_server

os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.django_db)


site_content = content_fixture("site", build_site, scope="package")


@pytest.fixture(scope="package")
def demo_site(site_content):
    """A live server with the demo content `make run` loads (setup_site without the admin account)."""
    server = start_live_server()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="package")
def crawl_browser(demo_site):  # the site first: not in Playwright's context
    """Headless Chromium for the crawl, closed when the package is done (Playwright allows one
    per thread, and its event loop must not outlive these tests)."""
    with running_chromium() as chromium:
        yield chromium
