"""The demo site as `make run` builds it, served by a live server thread for Schemathesis (as the crawl's)."""

import pytest
from pytest_django.live_server_helper import LiveServer

from tests.demo import build_site, content_fixture

site_content = content_fixture("site", build_site)


@pytest.fixture(scope="module")
def demo_site(site_content):
    server = LiveServer("127.0.0.1")
    try:
        yield server
    finally:
        server.stop()
