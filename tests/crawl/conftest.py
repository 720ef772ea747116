"""The demo site exactly as `make run` builds it, served once for the crawl, and one headless Chromium.

Like the accessibility tests (tests/browser/conftest.py), the content is committed once into the test
database for a server thread to serve, and the database is put back as it was when the session ends.
"""

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from pytest_django.live_server_helper import LiveServer

from scripts.crawl_site import CHROMIUM, CHROMIUM_ARGS
from tests.browser.content import ensure_root

os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.django_db)


@pytest.fixture(scope="session")
def demo_site(django_db_setup, django_db_blocker):
    """A live server with the demo content `make run` loads (setup_site without the admin account)."""
    with django_db_blocker.unblock():
        name = str(connection.settings_dict["NAME"])
        if "test" not in name and "memory" not in name:
            pytest.fail(f"refusing to fill and empty {name}: not a test database")
        snapshot = connection.creation.serialize_db_to_string()
        ensure_root()
        call_command("setup_site", "--no-admin", stdout=io.StringIO())
        server = LiveServer("127.0.0.1")
        try:
            yield server
        finally:
            server.stop()
            call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
            connection.creation.deserialize_db_from_string(snapshot)


@pytest.fixture(scope="session")
def crawl_browser(demo_site):
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make install-test` installs Debian's chromium.")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
