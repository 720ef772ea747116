"""Keeps the Elasticsearch index up to date after publishing, without ever blocking or breaking it.

Wagtail keeps the database index up to date itself. Elasticsearch ("AUTO_UPDATE": False) is updated
here after the transaction commits, with the client's short timeout; when the engine is down (or the
circuit breaker is open) the change is stored as a PendingIndexUpdate and sent again by
`manage.py retry_search_index` or the `retry_search_index_task` task.
"""

import logging
from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django_tasks import task
from elasticsearch import helpers
from modelsearch.index import class_is_indexed, get_indexed_instance, insert_or_update_object
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from search import registry
from search.backends.elasticsearch import get_engine_backend
from search.engines.fallback import engine_breaker
from search.models import PendingIndexUpdate

logger = logging.getLogger("search.engine")

UPDATE = PendingIndexUpdate.Action.UPDATE
DELETE = PendingIndexUpdate.Action.DELETE
RETRY_BATCH = 200


def _key(instance):
    """(content type, pk) of the engine document. Every page is one document in the page index,
    whatever its type, so pages are keyed as Page: deleting a live practice (unpublished, then
    its practice row and its Page row deleted) queues one change, not three."""
    model = Page if isinstance(instance, Page) else instance
    return (
        ContentType.objects.get_for_model(model, for_concrete_model=True).id,
        str(instance.pk),
    )


# Inside `batched()`: the changes gathered so far, by (content_type_id, object_id).
_batch = ContextVar("search_engine_batch", default=None)


def schedule(instances, action=UPDATE):
    """Send these objects to the engine once the current transaction has committed."""
    if get_engine_backend() is None:
        return
    changes = [
        (*_key(instance), action) for instance in instances if class_is_indexed(type(instance))
    ]
    batch = _batch.get()
    if batch is not None:
        batch.update({change[:2]: change for change in changes})
    elif changes:
        transaction.on_commit(lambda: send(changes))


@contextmanager
def batched():
    """Gather what `schedule` is given inside and send it after commit in a few bulk requests,
    instead of one request per object (an import publishes thousands of pages in one transaction).
    Nothing is sent when the block raises: its transaction is being rolled back."""
    batch = {}
    token = _batch.set(batch)
    try:
        yield
    finally:
        _batch.reset(token)
    if batch:
        changes = list(batch.values())
        transaction.on_commit(lambda: send_in_batches(changes))


def send_in_batches(changes):
    for start in range(0, len(changes), RETRY_BATCH):
        send(changes[start : start + RETRY_BATCH])


def send(changes, *, force=False):
    """Apply (content_type_id, object_id, action) changes to the engine; queue them if it fails.

    Returns True when the engine has them. Never raises: publishing must not notice the engine.
    """
    backend = get_engine_backend()
    if backend is None or not changes:
        return True
    if not force and not engine_breaker.allows_request():
        _queue(changes, "search engine unavailable (circuit breaker open)")
        return False
    try:
        actions = _bulk_actions(backend, changes)
        if actions is None:
            return True
        if actions:
            _, errors = helpers.bulk(backend.es, actions, raise_on_error=False, stats_only=False)
            errors = [e for e in errors if e.get("delete", {}).get("status") != 404]
            if errors:
                raise RuntimeError(f"bulk update refused: {errors[:3]}")
    except Exception as error:  # any engine failure: queue, log once, carry on publishing
        engine_breaker.record_failure(error, during="indexing")
        _queue(changes, f"{type(error).__name__}: {error}")
        return False
    engine_breaker.record_success()
    _forget(changes)
    if not force and PendingIndexUpdate.objects.exists():
        # The engine answers again: send what it missed without waiting for the periodic retry.
        retry_pending_updates(limit=RETRY_BATCH)
    return True


def _bulk_actions(backend, changes):
    """Bulk actions for the changes, or None when the engine has no index yet (update_index makes it)."""
    actions = []
    for content_type_id, object_id, action in changes:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        index = backend.get_index_for_model(model)
        # Writing to a missing index would make Elasticsearch create one with a guessed mapping.
        known = backend.__dict__.setdefault("known_indexes", set())
        if index.name not in known:
            if not backend.es.indices.exists(index=index.name):
                logger.warning(
                    "Search index %s does not exist yet; run `manage.py update_index`.", index.name
                )
                return None
            known.add(index.name)
        instance = None
        if action == UPDATE:
            found = model._default_manager.filter(pk=object_id).first()
            instance = get_indexed_instance(found) if found is not None else None
        if instance is None:
            actions.append({"_op_type": "delete", "_index": index.name, "_id": object_id})
            continue
        mapping = backend.mapping_class(type(instance))
        actions.append(
            {
                "_op_type": "index",
                "_index": index.name,
                "_id": mapping.get_document_id(instance),
                "_source": mapping.get_document(instance),
            }
        )
    return actions


def _queue(changes, error):
    try:
        for content_type_id, object_id, action in changes:
            pending, created = PendingIndexUpdate.objects.get_or_create(
                content_type_id=content_type_id,
                object_id=object_id,
                defaults={"action": action, "last_error": error[:2000]},
            )
            if not created:
                pending.action = action
                pending.attempts += 1
                pending.last_error = error[:2000]
                pending.save(update_fields=["action", "attempts", "last_error", "updated_at"])
    except Exception:  # even the queue failing must not break publishing
        logger.exception("Could not queue %d search index updates", len(changes))


def _forget(changes):
    keys = {(content_type_id, object_id) for content_type_id, object_id, _ in changes}
    pending = PendingIndexUpdate.objects.filter(object_id__in={key[1] for key in keys})
    for row in pending:
        if (row.content_type_id, row.object_id) in keys:
            row.delete()


def retry_pending_updates(limit=None):
    """Send queued changes again, oldest first; returns (sent, still_pending)."""
    if get_engine_backend() is None:
        return 0, PendingIndexUpdate.objects.count()
    sent = 0
    rows = list(PendingIndexUpdate.objects.order_by("created_at")[:limit])
    for start in range(0, len(rows), RETRY_BATCH):
        batch = rows[start : start + RETRY_BATCH]
        changes = [(row.content_type_id, row.object_id, row.action) for row in batch]
        if not send(changes, force=True):
            break
        sent += len(batch)
    return sent, PendingIndexUpdate.objects.count()


@task()
def retry_search_index_task():
    """Periodic retry of queued engine updates (schedule it every few minutes)."""
    sent, pending = retry_pending_updates()
    return {"sent": sent, "pending": pending}


@task()
def reindex_pages_task(page_ids):
    """Reindex pages whose labels changed (a term or municipality renamed): database and engine."""
    pages = [page.specific for page in Page.objects.filter(id__in=page_ids)]
    for page in pages:
        insert_or_update_object(page)  # the database index (and any auto-updating backend)
    if get_engine_backend() is not None:
        send([(*_key(page), UPDATE) for page in pages])


# --- signal handlers -----------------------------------------------------------------------------


def _page_and_descendants(page):
    return [page.specific, *(p.specific for p in page.get_descendants())]


def on_page_published(sender, instance, **kwargs):
    schedule([instance])


def on_page_unpublished(sender, instance, **kwargs):
    schedule([instance])


def on_page_moved(sender, instance, **kwargs):
    # The path, and with it whether the page is public, may have changed for the whole subtree.
    if get_engine_backend() is not None:
        schedule(_page_and_descendants(instance))


def on_page_deleted(sender, instance, **kwargs):
    # Connected for Page only: deleting a practice also deletes its Page row, and Django sends
    # post_delete for both; one engine document, so one delete.
    schedule([instance], DELETE)


def on_view_restriction_changed(sender, instance, **kwargs):
    if get_engine_backend() is not None:
        page = Page.objects.filter(pk=instance.page_id).first()
        if page is not None:
            schedule(_page_and_descendants(page))


def on_label_saved(sender, instance, created=False, raw=False, **kwargs):
    if created or raw:
        return  # a new term or place is on no page yet
    page_ids = sorted(registry.pages_labelled_with(instance))
    if page_ids:
        transaction.on_commit(lambda: reindex_pages_task.enqueue(page_ids))


def connect():
    """Page and view-restriction signals; the content apps' label models are connected when they
    register them (search.registry.register_label_source)."""
    page_published.connect(on_page_published, dispatch_uid="search_engine_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="search_engine_unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="search_engine_moved")
    post_delete.connect(on_page_deleted, sender=Page, dispatch_uid="search_engine_deleted")
    for model in (PageViewRestriction,):
        post_save.connect(on_view_restriction_changed, sender=model, dispatch_uid="search_vr_saved")
        post_delete.connect(on_view_restriction_changed, sender=model, dispatch_uid="search_vr_del")
