"""Create many practice pages at once while keeping every guarantee Wagtail gives a page.

`add_child` + `save_revision` + `publish` cost dozens of queries per page. Here the same rows are
written in a handful of batched statements: treebeard paths numbered after the parent's last
child and the parent's numchild raised once (so `Page.fix_tree` finds nothing), the Page and
PracticePage rows, the inline rows, one revision per page with latest/live revision set, the
audit log entries, and the search index filled through each backend's `add_bulk`.
"""

import logging
from inspect import isfunction

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.search.backends import get_search_backends

from practices.importing import rows
from practices.models import PracticePage
from practices.tasks import update_reference_index_for_practices
from search import facet_index
from search.documents import bulk_indexing
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


def place_in_tree(parent, pages, *, publish, user, now):
    """Give each page its path, depth, URL path and status as `parent.add_child` would."""
    last = parent.get_last_child()
    start = last._get_lastpos_in_path() + 1 if last else 1
    taken = set(parent.get_children().values_list("slug", flat=True))
    content_type = ContentType.objects.get_for_model(PracticePage)
    for offset, page in enumerate(pages):
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, start + offset)
        page.numchild = 0
        page.slug = unique_slug(page.slug, taken)
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


def insert_rows(pages):
    """Insert the Page rows and then the PracticePage rows that extend them.

    Django's bulk_create refuses multi-table models; `rows.insert` writes each table with
    exactly the values Django would have written.
    """
    base_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    ids = rows.insert(Page, [rows.values(page, base_fields) for page in pages])
    for page, page_id in zip(pages, ids, strict=True):
        page.id = page.page_ptr_id = page_id
        page._state.adding = False
        page._state.db = connection.alias
    fields = PracticePage._meta.local_concrete_fields
    rows.insert(PracticePage, [rows.values(page, fields) for page in pages])


def insert_children(pages):
    by_model = {}
    parent_keys = {
        relation: PracticePage._meta.get_field(relation).field.attname
        for relation in CHILD_RELATIONS
    }
    for page in pages:
        for relation, parent_key in parent_keys.items():
            for sort_order, child in enumerate(getattr(page, relation).all()):
                setattr(child, parent_key, page.id)
                if hasattr(child, "sort_order") and child.sort_order is None:
                    child.sort_order = sort_order
                by_model.setdefault(type(child), []).append(child)
    for model, children in by_model.items():
        fields = model._meta.local_concrete_fields
        ids = rows.insert(model, [rows.values(child, fields) for child in children])
        for child, child_id in zip(children, ids, strict=True):
            child.pk = child_id
            child._state.adding = False
            child._state.db = connection.alias


def add_revisions(pages, *, publish, user, now):
    content_type = ContentType.objects.get_for_model(PracticePage)
    base_content_type = ContentType.objects.get_for_model(Page)
    user_id = user.pk if user else None
    revision_ids = rows.insert(
        Revision,
        [
            {
                "content_type_id": content_type.pk,
                "base_content_type_id": base_content_type.pk,
                "object_id": str(page.id),
                "created_at": now,
                "user_id": user_id,
                "object_str": str(page),
                "content": rows.revision_content(page),
            }
            for page in pages
        ],
    )
    for page, revision_id in zip(pages, revision_ids, strict=True):
        page.latest_revision_id = revision_id
        page.live_revision_id = revision_id if publish else None
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.executemany(
            "UPDATE {} SET {} = %s, {} = %s WHERE {} = %s".format(  # noqa: S608 (names only)
                *map(quote, (Page._meta.db_table, "latest_revision_id", "live_revision_id", "id"))
            ),
            [(page.latest_revision_id, page.live_revision_id, page.id) for page in pages],
        )

    actions = ["wagtail.create", "wagtail.publish"] if publish else ["wagtail.create"]
    rows.insert(
        PageLogEntry,
        [
            {
                "content_type_id": content_type.pk,
                "label": page.get_admin_display_title(),
                "action": action,
                "timestamp": now,
                "user_id": user_id,
                "page_id": page.id,
                "revision_id": page.latest_revision_id if action == "wagtail.publish" else None,
                "content_changed": True,
            }
            for page in pages
            for action in actions
        ],
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


def once(method):
    """`method()`, worked out at the first call and then kept."""
    kept = []

    def value():
        if not kept:
            kept.append(method())
        return kept[0]

    return value


def index_pages(parent, pages):
    """Add the pages to every configured search backend in bulk; a backend that is down is logged."""
    # Search fields backed by a method (the analysed text of search.documents) are asked for by
    # several index columns: each is worked out once per page, when a backend first asks (the
    # database backend never asks for the filter fields).
    methods = callable_search_fields()
    # New pages have no view restriction of their own: they are public exactly when their parent is.
    public = not parent.get_view_restrictions().exists()
    for page in pages:
        for name in methods:
            setattr(
                page, name, (lambda: public) if name == PUBLIC_FIELD else once(getattr(page, name))
            )
    try:
        with bulk_indexing():
            for backend in get_search_backends(with_auto_update=False):
                try:
                    for start in range(0, len(pages), INDEX_BATCH_SIZE):
                        backend.add_bulk(PracticePage, pages[start : start + INDEX_BATCH_SIZE])
                except Exception:  # the pages are saved; `update_index` catches up later
                    logger.exception(
                        "Search backend %s could not index imported pages; run update_index",
                        backend,
                    )
    finally:
        for page in pages:
            for name in methods:
                page.__dict__.pop(name, None)


@transaction.atomic
def create_pages(parent, pages, *, publish=False, user=None):
    """Create unsaved PracticePage instances (inline rows assigned in memory) beneath `parent`."""
    if not pages:
        return []
    now = timezone.now()
    # Lock the parent so a concurrent add_child cannot take the same paths.
    parent = Page.objects.select_for_update().get(pk=parent.pk)
    place_in_tree(parent, pages, publish=publish, user=user, now=now)
    insert_rows(pages)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    insert_children(pages)
    add_revisions(pages, publish=publish, user=user, now=now)
    index_pages(parent, pages)
    # These pages send no save signals: do what the receivers would. Search's facet data version
    # changes in this transaction, and Wagtail's reference index update (queued for every saved
    # page) becomes one task for them all (run by the worker, or inline without one).
    facet_index.data_changed()
    ids = [page.id for page in pages]
    transaction.on_commit(lambda: update_reference_index_for_practices.enqueue(ids))
    if publish and apps.is_installed("wagtail.contrib.frontend_cache"):
        # New pages are not cached anywhere yet, but the listing they appear on is.
        from wagtail.contrib.frontend_cache.utils import purge_page_from_cache

        transaction.on_commit(lambda: purge_page_from_cache(parent.specific))
    return pages
