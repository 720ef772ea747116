"""A colleague's profile is personal data: registered so it can be found, exported and erased."""

from django.utils.translation import gettext_lazy as _

from privacy.registry import register_personal_data

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
