"""Test content that several modules share, built once into a template database and copied in.

`content_fixture(name, build)` makes a module (or package) fixture: while the module's tests run,
the test database holds what `build()` commits, copied from a template that is built the first time
and again only when our code, the settings or the migrations change (tests/template_db.py). Each
test still runs in its own transaction; when the module is done the database is as every other
module starts from it.
"""

import inspect
import io

import pytest
from django.core.management import call_command
from django.db import connection

from tests.template_db import ContentTemplate


def content_fixture(name, build, scope="module", sources=()):
    """`sources`: files besides the builder's own that the content depends on (test helpers; our
    apps' code is always part of the template's key)."""
    source_file = inspect.getsourcefile(build)

    @pytest.fixture(scope=scope)
    def content(django_db_setup, django_db_blocker):
        db_name = str(connection.settings_dict["NAME"])
        if "test" not in db_name and "memory" not in db_name:
            pytest.fail(f"refusing to fill and empty {db_name}: not a test database")
        template = ContentTemplate(name, build, source_file, sources)
        # Unblocked for as long as the content is there: a live server's thread serves it.
        with django_db_blocker.unblock():
            template.enter()
            try:
                yield
            finally:
                template.leave()

    return content


def build_site():
    """The site as `make run` sets it up, without the admin account."""
    call_command("setup_site", "--no-admin", stdout=io.StringIO())
