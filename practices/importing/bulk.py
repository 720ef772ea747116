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
from django.db.models import CharField, F, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.search.backends import get_search_backends

from practices.models import PracticePage

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
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
    """Insert the Page rows (bulk_create) and then the PracticePage rows that extend them.

    Django's bulk_create refuses multi-table models, so the second table gets a plain batched
    INSERT of exactly the values Django would have written.
    """
    base_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
    bases = [
        Page(**{field.attname: getattr(page, field.attname) for field in base_fields})
        for page in pages
    ]
    Page.objects.bulk_create(bases, batch_size=BATCH_SIZE)
    for page, base in zip(pages, bases, strict=True):
        page.id = page.page_ptr_id = base.id
        page._state.adding = False
        page._state.db = base._state.db

    fields = PracticePage._meta.local_concrete_fields
    quote = connection.ops.quote_name
    # Only model metadata (table and column names, quoted) goes into the statement; values are parameters.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(PracticePage._meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    rows = [
        [field.get_db_prep_save(field.pre_save(page, True), connection) for field in fields]
        for page in pages
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH_SIZE):
            cursor.executemany(sql, rows[start : start + BATCH_SIZE])


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
        model.objects.bulk_create(children, batch_size=BATCH_SIZE)


def add_revisions(pages, *, publish, user, now):
    content_type = ContentType.objects.get_for_model(PracticePage)
    base_content_type = ContentType.objects.get_for_model(Page)
    revisions = [
        Revision(
            content_type=content_type,
            base_content_type=base_content_type,
            object_id=str(page.id),
            created_at=now,
            user=user,
            object_str=str(page),
            content=page.serializable_data(),
        )
        for page in pages
    ]
    Revision.objects.bulk_create(revisions, batch_size=BATCH_SIZE)
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision = revision
        page.live_revision = revision if publish else None
    # One UPDATE … SET latest_revision = (its only revision) instead of a CASE per page.
    only_revision = Subquery(
        Revision.objects.filter(
            base_content_type=base_content_type,
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
        )
        .order_by("-pk")
        .values("pk")[:1]
    )
    ids = [page.id for page in pages]
    for start in range(0, len(ids), BATCH_SIZE):
        batch = Page.objects.filter(pk__in=ids[start : start + BATCH_SIZE])
        if publish:
            batch.update(latest_revision=only_revision, live_revision=only_revision)
        else:
            batch.update(latest_revision=only_revision)

    entries = []
    for page, revision in zip(pages, revisions, strict=True):
        actions = ["wagtail.create", "wagtail.publish"] if publish else ["wagtail.create"]
        for action in actions:
            entries.append(
                PageLogEntry(
                    content_type=content_type,
                    label=page.get_admin_display_title(),
                    action=action,
                    timestamp=now,
                    user=user,
                    page_id=page.id,
                    revision=revision if action == "wagtail.publish" else None,
                    content_changed=True,
                )
            )
    PageLogEntry.objects.bulk_create(entries, batch_size=BATCH_SIZE)


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


def index_pages(pages):
    """Add the pages to every configured search backend in bulk; a backend that is down is logged."""
    # Search fields backed by a method (the analysed text of search.documents) are asked for
    # by several index columns; work each out once per page for this pass.
    methods = callable_search_fields()
    for page in pages:
        for name in methods:
            value = getattr(page, name)()
            setattr(page, name, lambda value=value: value)
    try:
        for backend in get_search_backends(with_auto_update=False):
            try:
                for start in range(0, len(pages), BATCH_SIZE):
                    backend.add_bulk(PracticePage, pages[start : start + BATCH_SIZE])
            except Exception:  # the pages are saved; `update_index` catches up later
                logger.exception(
                    "Search backend %s could not index imported pages; run update_index", backend
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
    index_pages(pages)
    if publish and apps.is_installed("wagtail.contrib.frontend_cache"):
        # New pages are not cached anywhere yet, but the listing they appear on is.
        from wagtail.contrib.frontend_cache.utils import purge_page_from_cache

        transaction.on_commit(lambda: purge_page_from_cache(parent.specific))
    return pages
