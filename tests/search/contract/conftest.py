"""The demo site as `make run` builds it, served by a live server thread for Schemathesis (as the crawl's)."""

import pytest

from tests.demo import build_site, content_fixture
from tests.live_server import start_live_server

site_content = content_fixture("site", build_site)


@pytest.fixture(scope="module")
def demo_site(site_content):
    server = start_live_server()
    try:
        yield server
    finally:
        server.stop()
