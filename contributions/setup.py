"""Creates the "Deel je praktijkvoorbeeld" page in Dutch and English and gives editors access to contributions.

Idempotent: running it again changes nothing that is already there.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Locale

from contributions.models import ContributionFormPage
from contributions.services import submissions_collection
from home.site_structure import ensure_site_structure

FORM_PAGE = {
    "nl": {
        "title": "Deel je praktijkvoorbeeld",
        "slug": "deel-je-praktijkvoorbeeld",
        "intro": (
            "<p>Heb je in je gemeente iets geprobeerd waar collega's van kunnen leren? "
            "Vertel het hier. De redactie leest mee en zet je voorbeeld daarna online.</p>"
        ),
    },
    "en": {
        "title": "Share your practice example",
        "slug": "share-your-practice",
        "intro": (
            "<p>Did your municipality try something colleagues could learn from? "
            "Tell us here. The editors read it and then put your example online.</p>"
        ),
    },
}
EDITOR_GROUPS = ("Redactie", "Hoofdredactie")
EDITOR_PERMISSIONS = ("view_contribution", "change_contribution", "delete_contribution")


@transaction.atomic
def ensure_contribution_page():
    """Return the Dutch form page, creating it (and its English translation) where missing."""
    home = ensure_site_structure()
    page = ContributionFormPage.objects.filter(locale=home.locale).first()
    if page is None:
        page = ContributionFormPage(locale=home.locale, **FORM_PAGE["nl"])
        home.add_child(instance=page)
        page.save_revision().publish()
    english_locale = Locale.objects.get(language_code="en")
    if not page.has_translation(english_locale):
        english_home = home.get_translation_or_none(english_locale)
        if english_home is not None:
            english = page.copy_for_translation(english_locale)
            for field, value in FORM_PAGE["en"].items():
                setattr(english, field, value)
            english.save_revision().publish()
    return page


def ensure_editor_permissions():
    """Let the editors' groups (created by the practices workflow) see and handle contributions."""
    permissions = Permission.objects.filter(
        content_type__app_label="contributions", codename__in=EDITOR_PERMISSIONS
    )
    access_admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    for group in Group.objects.filter(name__in=EDITOR_GROUPS):
        group.permissions.add(*permissions, *access_admin)


def ensure_contributions():
    page = ensure_contribution_page()
    submissions_collection()
    ensure_editor_permissions()
    return page
