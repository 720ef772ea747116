"""The contact person on a practice page is personal data: registered so it can be found and erased.

Erasing blanks the contact on the live page and in every saved revision (drafts included), without
publishing anything an editor has not approved, and tells the caches the page changed."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import Revision

from changes.announce import content_has_changed
from privacy.registry import register_not_personal, register_personal_data

CONTACT_FIELDS = ("contact_name", "contact_role", "contact_email")


def erase_contact(page, when):
    for name in CONTACT_FIELDS:
        setattr(page, name, "")
    page.save(update_fields=list(CONTACT_FIELDS))
    for revision in Revision.objects.for_instance(page):
        if any(revision.content.get(name) for name in CONTACT_FIELDS):
            revision.content.update(dict.fromkeys(CONTACT_FIELDS, ""))
            revision.save(update_fields=["content"])
    if page.live:
        content_has_changed(pages=[page], reason="personal data erased")


def export_contact(page):
    return {
        "page": page.pk,
        "title": page.title,
        "live": page.live,
        "url": page.url,
        **{name: getattr(page, name) for name in CONTACT_FIELDS},
    }


def register():
    from practices.models import (
        LearningForm,
        Municipality,
        PracticePage,
        ProfessionalGroup,
        Province,
        Theme,
    )

    register_personal_data(
        PracticePage,
        fields=CONTACT_FIELDS,
        subject_email="contact_email",
        retention=None,  # shown as long as the practice is; erased on request
        label=_("Contactpersonen op praktijkvoorbeelden"),
        erase=erase_contact,
        export=export_contact,
    )
    for model in (Theme, ProfessionalGroup, LearningForm, Municipality, Province):
        register_not_personal(model, ["name"])
