"""Create many practice pages at once while keeping every guarantee Wagtail gives a page.

`add_child` + `save_revision` + `publish` cost dozens of queries per page. Here the same rows are
written in a handful of batched statements: treebeard paths numbered after the parent's last
child and the parent's numchild raised once (so `Page.fix_tree` finds nothing), the Page and
PracticePage rows, the inline rows, one revision per page with latest/live revision set, the
audit log entries, and the search index filled through each backend's `add_bulk`.
"""

import logging
from contextlib import contextmanager
from functools import cache
from inspect import isfunction

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.search.backends import get_search_backends

from changes.announce import content_has_changed
from practices.importing import rows
from practices.models import PracticePage
from practices.search import bulk_indexing
from practices.tasks import update_reference_index_for_practices
from search.filter_fields import PUBLIC_FIELD

logger = logging.getLogger(__name__)

# Pages per add_bulk: after each call the database backend rescans its whole index (title norms).
INDEX_BATCH_SIZE = 1000
# The inline rows of a practice page, as modelcluster keeps them in memory before saving.
CHILD_RELATIONS = (
    "practice_themes",
    "practice_professional_groups",
    "practice_learning_forms",
    "involved_municipalities",
    "tagged_items",
)


def unique_slug(slug, taken):
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    taken.add(candidate)
    return candidate


def empty_other_relations(page):
    """New pages have no comments, attachments or related practices: say so in memory, so that
    serialising the revision does not ask the database for each."""
    for relation in get_all_child_relations(page):
        name = relation.get_accessor_name()
        if name not in CHILD_RELATIONS:
            setattr(page, name, [])


class TreePlaces:
    """Where the next new children of a (locked) parent go: positions after its last child, and
    the slugs its children already use; kept up to date from chunk to chunk."""

    def __init__(self, parent):
        last = parent.get_last_child()
        self.next_position = last._get_lastpos_in_path() + 1 if last else 1
        self.taken_slugs = set(parent.get_children().values_list("slug", flat=True))


def place_in_tree(parent, pages, places, *, publish, user, now):
    """Give each page its path, depth, URL path and status as `parent.add_child` would."""
    content_type = ContentType.objects.get_for_model(PracticePage)
    for page in pages:
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, places.next_position)
        places.next_position += 1
        page.numchild = 0
        page.slug = unique_slug(page.slug, places.taken_slugs)
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        if page.locale_id != parent.locale_id:
            page.locale = parent.locale
        empty_other_relations(page)
        page.draft_title = page.title
        page.live = publish
        page.has_unpublished_changes = not publish
        page.first_published_at = page.last_published_at = now if publish else None
        page.latest_revision_created_at = now
        page.owner = user


def children_by_model(pages):
    """The pages' inline rows per model, as (page, attname of the key to the page, row)."""
    parent_keys = {
        relation: PracticePage._meta.get_field(relation).field.attname
        for relation in CHILD_RELATIONS
    }
    by_model = {}
    for page in pages:
        for relation, parent_key in parent_keys.items():
            for sort_order, child in enumerate(getattr(page, relation).all()):
                if hasattr(child, "sort_order") and child.sort_order is None:
                    child.sort_order = sort_order
                by_model.setdefault(type(child), []).append((page, parent_key, child))
    return by_model


def saved_as(objs, ids):
    """Mark the instances as the rows they were written as."""
    for obj, obj_id in zip(objs, ids, strict=True):
        obj.pk = obj_id
        if isinstance(obj, Page):
            obj.id = obj_id
        obj._state.adding = False
        obj._state.db = connection.alias


def link_to_pages(children):
    for page, parent_key, child in children:
        setattr(child, parent_key, page.id)


def insert_pages(pages, ids=None):
    """Insert the Page rows and then the PracticePage rows that extend them.

    Django's bulk_create refuses multi-table models; `rows.insert` writes each table with
    exactly the values Django would have written.
    """
    base_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    saved_as(pages, rows.insert(Page, [rows.values(page, base_fields) for page in pages], ids=ids))
    fields = PracticePage._meta.local_concrete_fields
    rows.insert(PracticePage, [rows.values(page, fields) for page in pages])


def insert_children(model, children, ids=None):
    fields = model._meta.local_concrete_fields
    values = [rows.values(child, fields) for _page, _key, child in children]
    saved_as([child for _page, _key, child in children], rows.insert(model, values, ids=ids))


def revision_rows(pages, *, user, now):
    """One revision per page, holding the page as it is now (before it points at the revision)."""
    content_type = ContentType.objects.get_for_model(PracticePage)
    base_content_type = ContentType.objects.get_for_model(Page)
    return [
        {
            "content_type_id": content_type.pk,
            "base_content_type_id": base_content_type.pk,
            "object_id": str(page.id),
            "created_at": now,
            "user_id": user.pk if user else None,
            "object_str": str(page),
            "content": rows.revision_content(page),
        }
        for page in pages
    ]


def point_at_revisions(pages, revision_ids, *, publish):
    for page, revision_id in zip(pages, revision_ids, strict=True):
        page.latest_revision_id = revision_id
        page.live_revision_id = revision_id if publish else None


def write_rows_numbered_by_database(pages, children, *, publish, user, now):
    """Pages, inline rows and revisions where the INSERTs give the ids (SQLite): pages first, then
    what refers to them, then each page is pointed at its revision."""
    insert_pages(pages)
    for model, items in children.items():
        link_to_pages(items)
        insert_children(model, items)
    revisions = revision_rows(pages, user=user, now=now)
    point_at_revisions(pages, rows.insert(Revision, revisions), publish=publish)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.executemany(
            "UPDATE {} SET {} = %s, {} = %s WHERE {} = %s".format(  # noqa: S608 (names only)
                *map(quote, (Page._meta.db_table, "latest_revision_id", "live_revision_id", "id"))
            ),
            [(page.latest_revision_id, page.live_revision_id, page.id) for page in pages],
        )


def number_rows(pages, children, reserved):
    """Give the pages and their inline rows their reserved ids, in memory."""
    saved_as(pages, reserved.pages)
    for model, items in children.items():
        link_to_pages(items)
        saved_as([child for _page, _key, child in items], reserved.children[model])


def write_numbered_rows(pages, children, reserved, *, publish, user, now):
    """Pages, inline rows and revisions with reserved ids (PostgreSQL): each table is written once,
    the pages already pointing at their revisions (foreign keys are checked at commit)."""
    revisions = revision_rows(pages, user=user, now=now)
    point_at_revisions(pages, reserved.revisions, publish=publish)
    insert_pages(pages, ids=reserved.pages)
    for model, items in children.items():
        insert_children(model, items, ids=reserved.children[model])
    rows.insert(Revision, revisions, ids=reserved.revisions)


def log_creation(pages, *, publish, user, now):
    """The history entries `add_child` and `publish` write: created (and published)."""
    content_type = ContentType.objects.get_for_model(PracticePage)
    actions = ["wagtail.create", "wagtail.publish"] if publish else ["wagtail.create"]
    rows.insert(
        PageLogEntry,
        [
            {
                "content_type_id": content_type.pk,
                "label": page.get_admin_display_title(),
                "action": action,
                "timestamp": now,
                "user_id": user.pk if user else None,
                "page_id": page.id,
                "revision_id": page.latest_revision_id if action == "wagtail.publish" else None,
                "content_changed": True,
            }
            for page in pages
            for action in actions
        ],
    )


class ReservedIds:
    """The ids one chunk writes (see `IdReserve.for_chunk`)."""

    def __init__(self, pages, revisions, children):
        self.pages, self.revisions, self.children = pages, revisions, children


class IdReserve:
    """Ids reserved ahead from the tables' sequences on PostgreSQL (see `rows.reserve_ids`), taken
    a chunk at a time. Reading the reserved ids waits for every statement sent before, so they are
    reserved in blocks of several chunks. On SQLite `complete` is False: the INSERTs number rows."""

    BLOCK = 5000  # inline rows of a model reserved at once

    def __init__(self):
        self.complete = rows.can_reserve_ids()
        self.free = {}

    def reserve(self, model, count):
        self.free.setdefault(model, []).extend(rows.reserve_ids(model, count) or [])

    def take(self, model, count):
        free = self.free.setdefault(model, [])
        if len(free) < count:
            self.reserve(model, max(count - len(free), self.BLOCK))
            free = self.free[model]
        self.free[model] = free[count:]
        return free[:count]

    def for_chunk(self, pages, children):
        return ReservedIds(
            self.take(Page, len(pages)),
            self.take(Revision, len(pages)),
            {model: self.take(model, len(items)) for model, items in children.items()},
        )


def callable_search_fields():
    # search.documents builds one SearchDocument per page that the other methods read.
    names = (
        ["search_document"] if isfunction(getattr(PracticePage, "search_document", None)) else []
    )
    for search_field in PracticePage.get_search_fields():
        name = getattr(search_field, "method_name", None) or search_field.field_name
        # Only plain methods: managers and descriptors are not values to freeze.
        if isfunction(getattr(PracticePage, name, None)) and name not in names:
            names.append(name)
    return names


def index_pages(pages, *, public):
    """Add the pages to every configured search backend in bulk; a backend that is down is logged.

    Called inside `creating`, whose `bulk_indexing()` keeps what documents share for every chunk."""
    # Search fields backed by a method (the analysed text of search.documents) are asked for by
    # several index columns: each is worked out once per page, when a backend first asks (the
    # database backend never asks for the filter fields).
    methods = callable_search_fields()
    for page in pages:
        for name in methods:
            setattr(
                page, name, (lambda: public) if name == PUBLIC_FIELD else cache(getattr(page, name))
            )
    try:
        for backend in get_search_backends(with_auto_update=False):
            try:
                for start in range(0, len(pages), INDEX_BATCH_SIZE):
                    backend.add_bulk(PracticePage, pages[start : start + INDEX_BATCH_SIZE])
            except Exception:  # the pages are saved; `update_index` catches up later
                logger.exception(
                    "Search backend %s could not index imported pages; run update_index", backend
                )
    finally:
        for page in pages:
            for name in methods:
                page.__dict__.pop(name, None)


class BulkCreator:
    """Creates PracticePages beneath one parent, a chunk at a time: see `creating`."""

    def __init__(self, parent, *, count, publish, user):
        self.now = timezone.now()
        self.publish, self.user = publish, user
        # Lock the parent so a concurrent add_child cannot take the same paths.
        self.parent = Page.objects.select_for_update().get(pk=parent.pk)
        # New pages have no view restriction of their own: public exactly when their parent is.
        self.public = not self.parent.get_view_restrictions().exists()
        self.places = TreePlaces(self.parent)
        self.ids = IdReserve()
        self.ids.reserve(Page, count)
        self.ids.reserve(Revision, count)
        self.created = []
        # These pages send no save signals: do what the receivers would. The content
        # version changes in this transaction; Wagtail's reference index update, in `finish`.
        content_has_changed(reason="import")

    def add(self, pages):
        """Create unsaved PracticePage instances (inline rows assigned in memory)."""
        place_in_tree(
            self.parent, pages, self.places, publish=self.publish, user=self.user, now=self.now
        )
        children = children_by_model(pages)
        options = {"publish": self.publish, "user": self.user, "now": self.now}
        if self.ids.complete:
            reserved = self.ids.for_chunk(pages, children)
            number_rows(pages, children, reserved)
            # Search entries cost the server most (it builds their vectors): they go first, and
            # the server works on them while this process builds the other rows.
            index_pages(pages, public=self.public)
            write_numbered_rows(pages, children, reserved, **options)
        else:
            write_rows_numbered_by_database(pages, children, **options)
            index_pages(pages, public=self.public)
        log_creation(pages, **options)
        self.created += [page.id for page in pages]
        return pages

    def finish(self):
        parent = self.parent
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(self.created))
        # Wagtail queues a reference index update for every saved page: one task for them all
        # (run by the worker, or inline without one).
        ids = self.created
        transaction.on_commit(lambda: update_reference_index_for_practices.enqueue(ids))
        if self.publish and apps.is_installed("wagtail.contrib.frontend_cache"):
            # New pages are not cached anywhere yet, but the listing they appear on is.
            from wagtail.contrib.frontend_cache.utils import purge_page_from_cache

            transaction.on_commit(lambda: purge_page_from_cache(parent.specific))


@contextmanager
def creating(parent, *, count, publish=False, user=None):
    """A BulkCreator for `count` new pages beneath `parent`, given to `add` in chunks (so that only
    one chunk's objects are in memory), all in one transaction.

    On PostgreSQL nothing between the first and the last chunk reads a result: the statements of
    every chunk go out in one pipeline, and the server writes while this process builds the next
    chunk's rows.
    """
    with transaction.atomic():
        creator = BulkCreator(parent, count=count, publish=publish, user=user)
        with bulk_indexing(), rows.pipeline():
            yield creator
        creator.finish()


def create_pages(parent, pages, *, publish=False, user=None):
    """Create unsaved PracticePage instances (inline rows assigned in memory) beneath `parent`."""
    if not pages:
        return []
    with creating(parent, count=len(pages), publish=publish, user=user) as creator:
        return creator.add(pages)
