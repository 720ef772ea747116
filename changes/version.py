"""Read and renew the content version (changes.models.ContentVersion)."""

import threading
import uuid
from contextlib import contextmanager

from django.db import IntegrityError, connection, transaction

from changes.models import ContentVersion

ROW = 1

_request = threading.local()  # .version: the token read once for the request being answered


@contextmanager
def read_once():
    """Within the block (one request, see changes.middleware), the version is read from the
    database once: the page cache, the site frame, term labels and every search of the page
    then agree on one version, and a page costs one version query instead of one per cache.
    A change made inside the block is read again."""
    outer = getattr(_request, "active", False)
    _request.active, _request.version = True, None
    try:
        yield
    finally:
        _request.active, _request.version = outer, None


def current_version():
    """The token of the content as this process can see it now ("" before the first change).

    Read on every cached page and every search: one plain SELECT on our own table (about 25 µs on
    SQLite) instead of a queryset that Django compiles anew each time (ten times as much)."""
    if getattr(_request, "active", False) and _request.version is not None:
        return _request.version
    table = connection.ops.quote_name(ContentVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {table} WHERE id = %s", [ROW])  # noqa: S608
        row = cursor.fetchone()
    version = (row[0] if row else "") or ""
    if getattr(_request, "active", False):
        _request.version = version
    return version


def new_version():
    """Write a new token, in the caller's transaction: readers see it together with the data."""
    _request.version = None  # this request reads the new one (or the old one after a rollback)
    token = uuid.uuid4().hex
    if ContentVersion.objects.filter(pk=ROW).update(token=token):
        return token
    try:  # a flushed test database has lost the row the migration created
        with transaction.atomic():
            ContentVersion.objects.create(pk=ROW, token=token)
    except IntegrityError:  # another process created it just now
        ContentVersion.objects.filter(pk=ROW).update(token=token)
    return token
