"""`content_has_changed`: renew the version now, tell the listeners once the change is committed."""

from django.db import transaction

from changes.signals import content_changed
from changes.version import new_version


def content_has_changed(pages=(), reason="", sender=None):
    """Call inside the transaction that changes public content (Wagtail's signal receivers do, and
    so does the import, once per chunk). Listeners hear of it only after commit, so a rolled-back
    change never reaches a cache purge or a search engine."""
    new_version()
    pages = list(pages)
    transaction.on_commit(
        lambda: content_changed.send(sender=sender, pages=pages, reason=reason), robust=True
    )
