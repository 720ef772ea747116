"""Run the background tasks that building test content queues once each, when the content is done.

Tests run tasks at once (`TASKS_BACKEND=immediate`), so every save of a page re-indexes it for
search and re-reads its references: a practice made as an editor makes it (add, save a revision,
publish) is indexed four times and its references read ten. Inside `each_task_once()` the tasks
are collected instead, and at the end run in the order they were queued, the index updates only
once per object. Both read the object as it is in the database when they run, so the index and
the reference index end up exactly as after the immediate runs. They run inside the practices'
`bulk_indexing()` (as an import's catch-up does): each page's search document is built once for its
title and body, and the municipalities' names are read once, not once per municipality of a page
(a practice linked to 340 municipalities took some 2,000 queries to index).
"""

import contextlib

from django.conf import settings
from django.test import override_settings
from django_tasks import default_task_backend

IMMEDIATE = "django_tasks.backends.immediate.ImmediateBackend"
COLLECTING = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": []}}

# Tasks that bring an index up to date with an object's current state: once is as good as ten times.
INDEX_UPDATES = {
    "modelsearch.tasks.insert_or_update_object_task",
    "wagtail.tasks.update_reference_index_task",
}


@contextlib.contextmanager
def each_task_once():
    if settings.TASKS["default"]["BACKEND"] != IMMEDIATE:
        # Already collecting (an outer block runs them), or a test chose its own backend.
        yield
        return
    with override_settings(TASKS=COLLECTING):
        yield
        queued = list(default_task_backend.results)
    from practices.search import bulk_indexing

    with bulk_indexing():
        for result in last_of_each_index_update(queued):
            result.task.call(*result.args, **result.kwargs)


def last_of_each_index_update(results):
    """`results` in order, where an index update queued again for the same object is kept only
    at its last place."""
    last = {}
    for position, result in enumerate(results):
        if result.task.module_path in INDEX_UPDATES:
            last[(result.task.module_path, tuple(result.args))] = position
    return [
        result
        for position, result in enumerate(results)
        if result.task.module_path not in INDEX_UPDATES
        or last[(result.task.module_path, tuple(result.args))] == position
    ]
