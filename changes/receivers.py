"""Wagtail's own signals, and saves and deletes of the models content apps `watch`, turned into
`content_has_changed`.

Receivers are connected per model, never for every sender: a global post_save also fires for
sessions, logins and counters, and a post_delete receiver makes Django load every row it deletes.
Saving a draft (a revision) changes nothing public and leaves the version alone.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import post_delete, post_save

from changes.announce import content_has_changed, version_has_changed

# Fields Wagtail writes on a page without changing what visitors see: saving a revision, locking,
# adding a child.
DRAFT_FIELDS = {
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
    "numchild",
}

_watched = {}  # model -> function(instance) giving the pages a change concerns, or None


def watch(model, pages=None):
    """Saves and deletes of `model` change public content (call from an AppConfig.ready).

    `pages(instance)`, when given, names the pages the change concerns, so that listeners can purge
    their addresses; otherwise listeners only know that something changed.
    """
    _watched[model] = pages
    uid = f"changes-{model._meta.label_lower}"
    post_save.connect(row_changed, sender=model, dispatch_uid=f"{uid}-save")
    post_delete.connect(row_changed, sender=model, dispatch_uid=f"{uid}-delete")


def watched_models():
    return list(_watched)


def row_changed(sender, instance, raw=False, **kwargs):
    pages_of = _watched.get(sender)
    pages = []
    if pages_of is not None and not raw:  # a fixture being loaded may lack the related rows
        try:
            pages = [page for page in pages_of(instance) if page is not None]
        except ObjectDoesNotExist:  # deleted together with its page
            pages = []
    content_has_changed(pages=pages, reason="snippet", sender=sender)


def page_published(sender, instance, **kwargs):
    content_has_changed(pages=[instance], reason="publish", sender=sender)


def page_unpublished(sender, instance, **kwargs):
    content_has_changed(pages=[instance], reason="unpublish", sender=sender)


def page_moved(sender, instance, **kwargs):
    content_has_changed(pages=[instance], reason="move", sender=sender)


def page_deleted(sender, instance, **kwargs):
    """Sent for the page and for each descendant Wagtail deletes with it."""
    content_has_changed(pages=[instance], reason="delete", sender=sender)


def page_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """A live page saved in code (a page created live, a script) changes what visitors see without
    `page_published`; a publish is announced by `page_published` right after."""
    from wagtail.models import COMMENTS_RELATION_NAME

    if update_fields is not None and set(update_fields) <= DRAFT_FIELDS | {COMMENTS_RELATION_NAME}:
        return
    if instance.live or raw:
        version_has_changed()


def connect():
    from django.apps import apps
    from wagtail.models import Locale, Page, PageViewRestriction, Site
    from wagtail.signals import page_published as published
    from wagtail.signals import page_unpublished as unpublished
    from wagtail.signals import post_page_move

    published.connect(page_published, dispatch_uid="changes-page-published")
    unpublished.connect(page_unpublished, dispatch_uid="changes-page-unpublished")
    post_page_move.connect(page_moved, dispatch_uid="changes-page-moved")
    # Deleting any page deletes its wagtailcore_page row (and those of its descendants), so the
    # base model alone hears of every deleted page, once.
    post_delete.connect(page_deleted, sender=Page, dispatch_uid="changes-page-deleted")
    for model in apps.get_models():
        if issubclass(model, Page):
            post_save.connect(
                page_saved, sender=model, dispatch_uid=f"changes-{model._meta.label_lower}-saved"
            )
    watch(PageViewRestriction, pages=lambda restriction: [restriction.page])
    watch(Site)
    watch(Locale)
