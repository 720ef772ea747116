"""A colleague's profile is personal data: registered so it can be found, exported and erased."""

from django.utils.translation import gettext_lazy as _

from privacy.registry import Retention, register_not_personal, register_personal_data

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


def register_questions_and_requests():
    """Askers of knowledge questions and requesters of in-company trainings: erased 90 days after
    the question is answered or closed, 365 days after the request (their state link's life)."""
    from colleagues.models import InCompanyRequest, KnowledgeQuestion

    register_personal_data(
        KnowledgeQuestion,
        fields=["asker_name", "asker_email"],
        subject_email="asker_email",
        retention=Retention(
            days=90,
            after="created_at",
            applies_to=lambda rows: rows.filter(
                status__in=[
                    KnowledgeQuestion.Status.ANSWERED,
                    KnowledgeQuestion.Status.CLOSED,
                    KnowledgeQuestion.Status.MERGED,
                ]
            ).exclude(asker_email=""),
        ),
        label=_("Vragenstellers van kennisvragen"),
    )
    register_not_personal(KnowledgeQuestion, ["may_show_name"])  # a yes/no choice, not a name
    register_personal_data(
        InCompanyRequest,
        fields=["requester_name", "requester_email"],
        subject_email="requester_email",
        retention=Retention(days=365, after="created_at"),
        label=_("Aanvragers van incompany-trainingen"),
    )
