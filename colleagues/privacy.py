"""A colleague's profile is personal data: registered so it can be found, exported and erased."""

from django.utils.translation import gettext_lazy as _
from modelsearch.index import insert_or_update_object
from wagtail.models import Revision

from changes.announce import content_has_changed
from privacy.registry import Retention, register_not_personal, register_personal_data
from search.indexing import schedule

PROFILE_FIELDS = ("title", "email", "job_title", "helps_with")


def export_profile(page):
    return {
        "page": page.pk,
        "live": page.live,
        "url": page.url,
        "consent_given_at": page.consent_given_at.isoformat() if page.consent_given_at else None,
        "consent_withdrawn_at": (
            page.consent_withdrawn_at.isoformat() if page.consent_withdrawn_at else None
        ),
        **{name: getattr(page, name) for name in PROFILE_FIELDS},
    }


def erase_profile(page, when):
    """A profile is the person: erasing it deletes the page with its revisions and translations."""
    for translation in page.get_translations():
        translation.delete()
    page.delete()


def register():
    from colleagues.models import ColleaguePage

    register_personal_data(
        ColleaguePage,
        fields=PROFILE_FIELDS,
        subject_email="email",
        retention=None,  # kept while the person consents; withdrawal unpublishes at once
        label=_("Profielen van collega's"),
        erase=erase_profile,
        export=export_profile,
    )
    register_questions_and_requests()


def erase_asker_from_answer_page(page):
    """The asker agreed to be named on the answer: blank that name on the page and in every saved
    revision, publishing nothing an editor has not approved, and tell the caches."""
    page.asked_by = ""
    page.save(update_fields=["asked_by"])
    for revision in Revision.objects.for_instance(page):
        if revision.content.get("asked_by"):
            revision.content["asked_by"] = ""
            revision.save(update_fields=["content"])
    if page.live:
        content_has_changed(pages=[page], reason="personal data erased")
        insert_or_update_object(page)  # the database index
        schedule([page])  # and the engine, after commit


def erase_question(question, when):
    """A question whose address was never confirmed never reached anyone: it goes altogether.
    A confirmed one stays for the editors and the gap report, without the asker."""
    if question.confirmed_at is None:
        question.delete()
        return
    page = question.answer_page
    if page is not None and question.asker_name and page.asked_by == question.asker_name:
        erase_asker_from_answer_page(page)
    question.asker_name = ""
    question.asker_email = ""
    question.may_show_name = False
    question.save(update_fields=["asker_name", "asker_email", "may_show_name"])


def register_questions_and_requests():
    """Askers of knowledge questions: a question never confirmed is deleted once its confirmation
    link has expired (7 days); a confirmed one loses its asker 90 days after it was sent, once it
    is answered, merged or closed. Requesters of in-company trainings: 365 days (the life of their
    state link)."""
    from colleagues.links import KINDS
    from colleagues.models import InCompanyRequest, KnowledgeQuestion

    register_personal_data(
        KnowledgeQuestion,
        fields=["asker_name", "asker_email"],
        subject_email="asker_email",
        retention=[
            Retention(
                days=KINDS["confirm"][1],
                after="created_at",
                applies_to=lambda rows: rows.filter(confirmed_at__isnull=True),
                label=_("vragen waarvan het e-mailadres niet bevestigd is"),
            ),
            Retention(
                days=90,
                after="created_at",
                applies_to=lambda rows: rows.filter(
                    confirmed_at__isnull=False,
                    status__in=[
                        KnowledgeQuestion.Status.ANSWERED,
                        KnowledgeQuestion.Status.CLOSED,
                        KnowledgeQuestion.Status.MERGED,
                    ],
                ).exclude(asker_email=""),
                label=_("beantwoorde, samengevoegde of gesloten vragen"),
            ),
        ],
        label=_("Vragenstellers van kennisvragen"),
        erase=erase_question,
    )
    register_not_personal(KnowledgeQuestion, ["may_show_name"])  # a yes/no choice, not a name
    register_personal_data(
        InCompanyRequest,
        fields=["requester_name", "requester_email"],
        subject_email="requester_email",
        retention=Retention(days=365, after="created_at"),
        label=_("Aanvragers van incompany-trainingen"),
    )
