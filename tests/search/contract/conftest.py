"""The demo site as `make run` builds it, served by a live server thread for Schemathesis (as the crawl's)."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from pytest_django.live_server_helper import LiveServer

from tests.database import restore_session_start


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        name = str(connection.settings_dict["NAME"])
        if "test" not in name and "memory" not in name:
            pytest.fail(f"refusing to fill and empty {name}: not a test database")
        call_command("setup_site", "--no-admin", stdout=io.StringIO())
        server = LiveServer("127.0.0.1")
        try:
            yield server
        finally:
            server.stop()
            restore_session_start()
