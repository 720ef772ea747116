"""Shared fixtures: the site skeleton every page test needs, built once per test database."""

import pytest
from django.db import transaction

from home.site_structure import ensure_site_structure
from practices.setup import ensure_practices_setup
from tests.database import (
    build_session_start,
    reloaded,
    remember_session_start,
    restore_session_start,
)
from tests.template_db import locked, template_for_this_database


@pytest.fixture(scope="session")
def django_db_setup(
    request, django_test_environment, django_db_blocker, django_db_modify_db_settings
):
    """Each worker's test database, migrated, with the site skeleton committed once: every test's
    transaction starts with the home pages instead of building them again.

    Replaces pytest-django's fixture of this name: the database is a copy of a template that was
    migrated once (tests/template_db.py); only when there is none yet is it migrated here, and
    then kept as the template for every later test database.
    """
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    with django_db_blocker.unblock():
        template = template_for_this_database()
        original_name = connection.settings_dict["NAME"]
        migrated = None
        if template is None:
            migrated = setup_databases(verbosity=0, interactive=False)
            build_session_start()
        else:
            with locked(template.lock_name):
                if template.exists():
                    remember_session_start(template.copy())
                else:
                    migrated = setup_databases(verbosity=0, interactive=False)
                    template.save(build_session_start())
    yield
    with django_db_blocker.unblock():
        release_other_sessions()
        if migrated is not None:
            teardown_databases(migrated, verbosity=0)
        else:
            template.drop_copy(original_name)


def release_other_sessions():
    """Close every connection to the test database before it is dropped: a live server's or a
    task thread's connection may outlive the last test, and PostgreSQL refuses to drop a database
    someone still uses."""
    from django.db import connection, connections

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
    connections.close_all()


def transactional(item):
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or any(
        name in getattr(item, "fixturenames", ()) for name in ("transactional_db", "live_server")
    )


blocker_key = pytest.StashKey()


@pytest.fixture(autouse=True)
def remember_db_blocker(request, django_db_blocker):
    request.node.stash[blocker_key] = django_db_blocker


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test has been torn down (and its database emptied), put back what
    every other test of this worker starts from."""
    result = yield
    blocker = item.stash.get(blocker_key, None)
    # After the last test the session's fixtures are gone, the test database with them, and the
    # connection points at the real database again: nothing to put back, and nothing to flush.
    if nextitem is not None and blocker is not None and transactional(item):
        with blocker.unblock():
            restore_session_start()
    return result


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """One transaction around a module, rolled back at its end: content that module fixtures make
    on it is made once for all the module's tests (like Django's `setUpTestData`). Each test still
    runs in a savepoint of its own (`db`), so what a test changes is undone before the next one;
    module fixtures hand each test fresh copies of the shared objects (`tests.database.reloaded`).
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture
def home_page(db):
    """The Dutch home page, with its English translation and the default site (already there:
    see `django_db_setup`; made again only when a transactional test before emptied the database)."""
    return ensure_site_structure()


@pytest.fixture
def english_home(home_page):
    from wagtail.models import Locale

    return home_page.get_translation(Locale.objects.get(language_code="en"))


def practice_index_page():
    """The Dutch practice index under the home page: the one module content made, else a new one."""
    from practices.models import PracticeIndexPage
    from tests.factories import PracticeIndexPageFactory

    home = ensure_site_structure()
    existing = PracticeIndexPage.objects.child_of(home).first()
    return existing or PracticeIndexPageFactory(parent=home)


@pytest.fixture(scope="module")
def module_practice_index(module_db):
    return practice_index_page()


@pytest.fixture
def practice_index(home_page):
    return practice_index_page()


@pytest.fixture(scope="module")
def module_practice_index_set_up(module_db):
    """The practice index with its terms, editor groups and moderation workflow, as `setup_site`
    makes them: once for the module."""
    return ensure_practices_setup()


@pytest.fixture
def practice_index_set_up(module_practice_index_set_up, db):
    return reloaded(module_practice_index_set_up)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Every test starts in Dutch, the site's language, before any of its fixtures run.

    A request to an English page leaves English active in the thread (LocaleMiddleware activates
    it and nothing switches back), so without this a test's language would depend on which test
    the same worker ran before it.
    """
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


# The order of the files over the xdist workers, and the time per worker (tests/schedule.py).
from tests.schedule import (  # noqa: E402, F401
    pytest_collection_finish,
    pytest_collection_modifyitems,
    pytest_configure,
    pytest_runtest_makereport,
    pytest_sessionfinish,
    pytest_xdist_make_scheduler,
)
