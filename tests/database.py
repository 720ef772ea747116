"""The test database every test starts from, and how to put it back after something committed.

Each xdist worker has a test database of its own (pytest-django adds the worker id to its name).
Right after the migrations it gets the site skeleton (locales, the Dutch and English home page, the
default site), committed once, and that state is kept in memory; every test's transaction starts
from there. A transactional test (pytest-django empties the database after it) and the live-server
tests (tests/browser, tests/crawl: they commit content a server thread can see) put that state back
when they are done, so the tests a worker runs after them find it as every other test does.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from django.db.models import Model

from home.site_structure import ensure_site_structure

# The database as the session's tests start from it: migrated, with the site skeleton.
_session_start = []


def build_session_start():
    """Commit the site skeleton and remember the whole database as the state to come back to;
    returns that state (for a template database, tests/template_db.py)."""
    ensure_site_structure()
    _session_start[:] = [connection.creation.serialize_db_to_string()]
    return _session_start[0]


def remember_session_start(serialized):
    """The state to come back to, for a test database copied from a template that holds it."""
    _session_start[:] = [serialized]


def restore_session_start():
    """Empty the database and load the state `build_session_start` kept."""
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    connection.creation.deserialize_db_from_string(_session_start[0])
    # The restored rows keep their ids, but the flush reset PostgreSQL's sequences: move them past
    # those ids, or the next page created would collide with the root page.
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(statement)
    ContentType.objects.clear_cache()  # the ids are the restored ones again, not the cached ones


def reloaded(content):
    """`content` (a model instance, or a dict, list or tuple of them) read again from the database.

    Content built once for a module is shared by its tests; each test gets its own copies, so what
    one test changes in memory (a title it set, a cached relation) never reaches the next test.
    """
    if isinstance(content, dict):
        return {key: reloaded(value) for key, value in content.items()}
    if isinstance(content, list | tuple):
        return type(content)(reloaded(value) for value in content)
    if isinstance(content, Model):
        return type(content)._default_manager.get(pk=content.pk)
    return content
