"""The per-save work an import holds back and then does once per chunk, in bulk, through public APIs.

Pages are created and published the ordinary way (`add_child`, `save_revision`, `publish`: three
saves of each page). After every save, modelsearch queues a task that indexes the page and Wagtail
queues one that updates its reference index; the Elasticsearch engine is sent each publish on its
own. For thousands of pages that repeated work costs more than the pages themselves. While
`held_back()` is active that work is skipped, and `catch_up` does it once for a whole chunk.
"""

from contextlib import contextmanager

from django.db.models.signals import post_save
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.contrib.frontend_cache.signal_handlers import page_published_signal_handler
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_published

from changes.announce import content_has_changed
from practices.models import PracticePage
from practices.search import bulk_indexing
from practices.tasks import update_reference_index_for_practices
from search import indexing

# What the search document and the engine's filter fields of a practice read: fetched for a whole
# chunk in a few queries instead of several per page.
SEARCH_PREFETCH = (
    "practice_themes__theme",
    "practice_professional_groups__professional_group",
    "practice_learning_forms__learning_form",
    "involved_municipalities__municipality__province",
    "tagged_items__tag",
)


@contextmanager
def held_back():
    """Skip per-save search indexing, reference-index updates and frontend-cache purges of practice
    pages, and gather the engine's updates into one send after commit (see `search.indexing.batched`).

    modelsearch connects its public `post_save_signal_handler` for every indexed model and offers
    no switch to pause it (its `search_auto_update` is read once, at start-up), so the receiver is
    disconnected for PracticePage and connected again afterwards, whatever happens. The same goes
    for `wagtail.contrib.frontend_cache`'s `page_published` receiver, which queues one purge task
    per published page: the chunk's `content_has_changed` purges every page's own address (and its
    listings) in one batch instead (caching/frontend.py). That holds for the whole process, which
    is why imports run as a management command of their own, never inside a web worker. Wagtail
    has a public switch for its reference index, local to this thread.
    """
    disconnected = post_save.disconnect(post_save_signal_handler, sender=PracticePage)
    unpurged = page_published.disconnect(page_published_signal_handler, sender=PracticePage)
    try:
        with disable_reference_index_auto_update(), indexing.batched():
            yield
    finally:
        if disconnected:
            post_save.connect(post_save_signal_handler, sender=PracticePage)
        if unpurged:
            page_published.connect(page_published_signal_handler, sender=PracticePage)


def catch_up(page_ids):
    """Do for a chunk of created or changed pages what the held-back receivers would have done.

    Runs inside the import's transaction: the database search index and the reference index are
    rows in the same database, so they are committed (or rolled back) together with the pages.
    The Elasticsearch engine only hears of the pages after commit (see `held_back`).
    """
    if not page_ids:
        return
    pages = list(
        PracticePage.objects.filter(pk__in=page_ids)
        .select_related("locale", "municipality__province")
        .prefetch_related(*SEARCH_PREFETCH)
    )
    with bulk_indexing():
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(PracticePage, pages)
    # Enqueued in the transaction, like Wagtail's own per-save task: a database task queue keeps it
    # only if the import commits; the immediate backend runs it now, on this connection.
    update_reference_index_for_practices.enqueue(list(page_ids))
    # The listeners run after commit, when every chunk's pages are still waiting for them: light
    # instances (no StreamField content) keep a large import's memory bounded. Inside the chunk's
    # `one_change` they take the place of the pages each publish announced.
    del pages
    light = PracticePage.objects.filter(pk__in=page_ids).defer_streamfields()
    content_has_changed(pages=list(light), reason="import")
