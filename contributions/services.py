"""Turns a valid submission into a draft practice page in the moderation workflow, plus a Contribution record."""

import contextvars
import datetime
import logging
from contextlib import contextmanager

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale, Workflow
from wagtail.rich_text import RichText

from contributions import conf
from contributions.models import Contribution
from practices.models import (
    PracticeAttachment,
    PracticeIndexPage,
    PracticeLearningForm,
    PracticePage,
    PracticeProfessionalGroup,
    PracticeTheme,
)

logger = logging.getLogger(__name__)

SUBMISSIONS_COLLECTION = "Inzendingen (niet openbaar)"

# While set, Wagtail's own per-submission moderation e-mails stay quiet: editors get our throttled one.
quiet_workflow_mail = contextvars.ContextVar("quiet_workflow_mail", default=False)


@contextmanager
def wagtail_mail_quieted():
    token = quiet_workflow_mail.set(True)
    try:
        yield
    finally:
        quiet_workflow_mail.reset(token)


class ContributionsUnavailable(Exception):
    """The site has nowhere to put a contribution (no practice index yet)."""


def practice_index_for(locale):
    """The practice index in the form's language, else the Dutch one (editors translate later)."""
    index = PracticeIndexPage.objects.filter(locale=locale).first()
    if index is None:
        index = PracticeIndexPage.objects.filter(locale__language_code="nl").first()
    if index is None:
        index = PracticeIndexPage.objects.first()
    if index is None:
        raise ContributionsUnavailable
    return index


def plain_paragraphs(text):
    """Plain text → paragraph blocks; any HTML the person typed is escaped, so it shows as text."""
    blocks = []
    for part in text.replace("\r\n", "\n").split("\n\n"):
        lines = [escape(line.strip()) for line in part.split("\n") if line.strip()]
        if lines:
            blocks.append(("paragraph", RichText("<p>" + "<br/>".join(lines) + "</p>")))
    return blocks


def unique_slug(parent, title):
    base = slugify(title)[:80].strip("-") or "praktijkvoorbeeld"
    siblings = set(parent.get_children().values_list("slug", flat=True))
    slug, n = base, 2
    while slug in siblings:
        slug, n = f"{base}-{n}", n + 1
    return slug


def submissions_collection():
    """A collection only signed-in users can open, so attachments stay private until publication."""
    from wagtail.models import CollectionViewRestriction

    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=SUBMISSIONS_COLLECTION).first()
    if collection is None:
        collection = root.add_child(name=SUBMISSIONS_COLLECTION)
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
    return collection


def store_attachments(files):
    Document = get_document_model()
    collection = submissions_collection()
    documents = []
    for upload in files:
        upload.seek(0)
        document = Document(title=upload.name[:255], file=upload, collection=collection)
        document._set_document_file_metadata()
        document.save()
        documents.append(document)
    return documents


def start_workflow(page):
    """Submit the draft to the page's moderation workflow, or Wagtail's default one."""
    workflow = page.get_workflow() or Workflow.objects.filter(active=True).order_by("pk").first()
    if workflow is None:
        logger.warning("No active workflow: contribution %s waits as a plain draft.", page.pk)
        return None
    with wagtail_mail_quieted():
        return workflow.start(page, user=None)


@transaction.atomic
def create_contribution(data, *, locale, ip_hash=""):
    """Create the draft page (never published) and the record of who sent it; return the Contribution."""
    if not isinstance(locale, Locale):
        locale = Locale.objects.get(language_code=locale)
    index = practice_index_for(locale)
    page = PracticePage(
        title=data["title"],
        slug=unique_slug(index, data["title"]),
        locale=index.locale,
        live=False,
        summary=data["summary"],
        practice_date=datetime.date(data["practice_year"], 1, 1),
        municipality=data["municipality"],
        situation=plain_paragraphs(data.get("situation", "")),
        approach=plain_paragraphs(data.get("approach", "")),
        results=plain_paragraphs(data.get("results", "")),
        lessons=plain_paragraphs(data.get("lessons", "")),
        contact_name=data.get("contact_name", ""),
        contact_role=data.get("contact_role", ""),
        contact_email=data.get("contact_email", ""),
    )
    page.practice_themes = [PracticeTheme(theme=t, locale=index.locale) for t in data["themes"]]
    page.practice_professional_groups = [
        PracticeProfessionalGroup(professional_group=g, locale=index.locale)
        for g in data.get("professional_groups", [])
    ]
    page.practice_learning_forms = [
        PracticeLearningForm(learning_form=f, locale=index.locale)
        for f in data.get("learning_forms", [])
    ]
    files = data.get("attachments") or []
    documents = store_attachments(files)
    page.attachments = [PracticeAttachment(document=d) for d in documents]
    index.add_child(instance=page)
    page.save_revision(log_action=True)
    contribution = Contribution.objects.create(
        page=page,
        title=data["title"],
        language=locale.language_code,
        submitter_name=data["submitter_name"],
        submitter_email=data["submitter_email"],
        consent_given_at=timezone.now(),
        consent_version=conf.CONSENT_VERSION,
        ip_hash=ip_hash,
        attachment_bytes=sum(f.size for f in files),
    )
    start_workflow(page)
    return contribution


def publish_attachments(page):
    """On publication the attachments leave the private collection, so readers can download them."""
    private = Collection.objects.filter(name=SUBMISSIONS_COLLECTION).first()
    if private is None:
        return
    root = Collection.get_first_root_node()
    ids = [a.document_id for a in PracticeAttachment.objects.filter(page_id=page.pk)]
    get_document_model().objects.filter(pk__in=ids, collection=private).update(collection=root)
