"""What every installation needs for practices: the index pages, the terms, and the moderation workflow.

Called by `setup_site` (so `make run` has it without demo content) and by `load_demo_content`.
Idempotent: each step only adds what is missing.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import override
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from home.site_structure import ensure_site_structure
from practices.models import LearningForm, PracticeIndexPage, ProfessionalGroup, Theme
from practices.taxonomy_seed import seed_terms
from practices.term_translations import remember_all_term_translations

INDEX_CONTENT = {
    "nl": {
        "title": "Praktijkvoorbeelden",
        "slug": "praktijkvoorbeelden",
        "intro": (
            "<p>Hoe gemeenten leren van hun eigen werk en dat van elkaar: verhalen over de "
            "bedoeling, zelfsturende teams, het keukentafelgesprek, netwerken en collegiaal leren "
            "sinds de decentralisaties van 2015.</p>"
        ),
    },
    "en": {
        "title": "Practice examples",
        "slug": "practice-examples",
        "intro": (
            "<p>How Dutch municipalities learn from their own work and from each other: stories "
            "about purpose, self-managing teams, the kitchen-table conversation, networks and peer "
            "learning since the decentralisations of 2015.</p>"
        ),
    },
}

EDITORS = "Redactie"
CHIEF_EDITORS = "Hoofdredactie"
WORKFLOW_NAME = "Redactie → Hoofdredactie"
TASK_NAME = "Goedkeuring hoofdredactie"

# Page permissions per group on the practice indexes (and so on every practice beneath them).
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page", "lock_page"],
    CHIEF_EDITORS: [
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
        "bulk_delete_page",
    ],
}
# Both groups use images and documents in their stories.
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]
MODEL_PERMISSIONS = {
    EDITORS: [("wagtailadmin", "access_admin"), ("wagtail_localize", "submit_translation")],
    CHIEF_EDITORS: [
        ("wagtailadmin", "access_admin"),
        ("wagtail_localize", "submit_translation"),
        *[
            (app, f"{action}_{model}")
            for app, model in [
                ("practices", "theme"),
                ("practices", "professionalgroup"),
                ("practices", "learningform"),
            ]
            for action in ("add", "change", "delete")
        ],
        ("practices", "change_municipality"),
        # What staff search for ("Zoekvragen"), synonyms and promoted results.
        *[
            (app, f"{action}_{model}")
            for app, model in [
                ("wagtailsearchpromotions", "searchpromotion"),
                ("search", "synonym"),
            ]
            for action in ("add", "change", "delete")
        ],
        ("wagtailsearchpromotions", "add_query"),
        ("wagtailsearchpromotions", "change_query"),
    ],
}


def permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_practice_index(home=None):
    """Return the Dutch practice index at /praktijkvoorbeelden/, creating it and its English translation."""
    home = home or ensure_site_structure()
    english = Locale.objects.get(language_code="en")
    index = PracticeIndexPage.objects.filter(locale=home.locale).first()
    if index is None:
        with override("nl"):
            index = PracticeIndexPage(**INDEX_CONTENT["nl"])
            home.add_child(instance=index)
            index.save_revision().publish()
    if not index.has_translation(english):
        translation = index.copy_for_translation(english)
        for field, value in INDEX_CONTENT["en"].items():
            setattr(translation, field, value)
        translation.save_revision().publish()
    return index


def practice_indexes():
    return list(PracticeIndexPage.objects.all())


def ensure_moderation(indexes=None):
    """Groups Redactie and Hoofdredactie with their permissions, and the two-step workflow."""
    indexes = indexes if indexes is not None else practice_indexes()
    groups = {}
    for name in (EDITORS, CHIEF_EDITORS):
        group = groups[name] = Group.objects.get_or_create(name=name)[0]
        for app_label, codename in MODEL_PERMISSIONS[name]:
            group.permissions.add(permission(app_label, codename))
        for index in indexes:
            for codename in PAGE_PERMISSIONS[name]:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=index, permission=permission("wagtailcore", codename)
                )
        root_collection = Collection.get_first_root_node()
        for app_label, codename in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission(app_label, codename)
            )

    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(groups[CHIEF_EDITORS])
    workflow = Workflow.objects.get_or_create(name=WORKFLOW_NAME)[0]
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for index in indexes:
        WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": workflow})
    return workflow


def ensure_terms():
    created = seed_terms(Locale, Theme, ProfessionalGroup, LearningForm)
    remember_all_term_translations()
    return created


@transaction.atomic
def ensure_practices_setup(home=None):
    """Index pages (nl + en), the starting terms and the moderation workflow; returns the Dutch index."""
    index = ensure_practice_index(home)
    ensure_terms()
    ensure_moderation()
    return index
