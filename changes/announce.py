"""`content_has_changed`: renew the version now, tell the listeners once the change is committed.

`one_change` merges the announcements of a block of work (an import chunk publishing hundreds of
pages, each sending Wagtail's `page_published`) into one: one version write, one signal with every
page, so listeners purge each URL once instead of once per page.
"""

import threading
from contextlib import contextmanager

from django.db import transaction

from changes.signals import content_changed, content_changing
from changes.version import new_version

_local = threading.local()


def content_has_changed(pages=(), reason="", sender=None):
    """Call inside the transaction that changes public content (Wagtail's signal receivers do, and
    so does the import, once per chunk). Listeners hear of it only after commit, so a rolled-back
    change never reaches a cache purge or a search engine."""
    batch = getattr(_local, "batch", None)
    if batch is not None:
        batch.add(pages)
        return
    new_version()
    pages = list(pages)
    content_changing.send(sender=sender, pages=pages, reason=reason)
    transaction.on_commit(
        lambda: content_changed.send(sender=sender, pages=pages, reason=reason), robust=True
    )


def version_has_changed():
    """Renew the version alone, without telling the listeners: for writes that change what every
    process may have cached but whose listeners hear of it through another signal (a page saved
    while live is followed by `page_published`, unless it was made live in code)."""
    batch = getattr(_local, "batch", None)
    if batch is not None:
        batch.changed = True
        return
    new_version()


class Batch:
    def __init__(self):
        self.changed = False
        self.pages = {}  # id -> page: a page published twice in the block is announced once

    def add(self, pages):
        self.changed = True
        for page in pages:
            self.pages[page.pk] = page


@contextmanager
def one_change(reason="", sender=None):
    """Announce everything changed inside the block as one change when it ends without an error
    (use it inside the block's transaction). Blocks inside it join the outer one."""
    if getattr(_local, "batch", None) is not None:
        yield
        return
    batch = _local.batch = Batch()
    try:
        yield
    finally:
        _local.batch = None
    if batch.changed:
        content_has_changed(pages=batch.pages.values(), reason=reason, sender=sender)
