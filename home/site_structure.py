"""Creates the skeleton every installation needs: the locales, the home page in Dutch and English, the site.

Idempotent: running it again changes nothing that is already there.
"""

from django.conf import settings
from django.db import transaction
from django.utils.translation import override
from wagtail.models import Locale, Page, Site

from home.models import HomePage

HOME_CONTENT = {
    "nl": {
        "title": "Lerend Werken kennisbank",
        "introduction": (
            "Praktijkvoorbeelden van gemeenten die leren van elkaars ervaringen: "
            "met de bedoeling voorop, in zelfsturende teams en in netwerken."
        ),
    },
    "en": {
        "title": "Learning at Work knowledge bank",
        "introduction": (
            "Practice examples from Dutch municipalities learning from each other's experience: "
            "purpose first, in self-managing teams and in networks."
        ),
    },
}


def ensure_locales():
    return {
        code: Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in settings.LANGUAGES
    }


@transaction.atomic
def ensure_site_structure():
    """Return the Dutch home page, creating the locales, home pages and site where missing."""
    locales = ensure_locales()
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=locales["nl"]).first()
    if home is None:
        # Wagtail's own migration leaves a placeholder welcome page at the site root.
        for placeholder in root.get_children().filter(content_type__model="page", depth=2):
            if not placeholder.specific_class or placeholder.specific_class is Page:
                placeholder.delete()
        with override("nl"):
            home = HomePage(slug="home", locale=locales["nl"], **HOME_CONTENT["nl"])
            root.add_child(instance=home)
            home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Kennisbank",
        )
    elif site.root_page_id != home.id:
        site.root_page = home
        site.site_name = site.site_name or "Kennisbank"
        site.save()
    if not home.has_translation(locales["en"]):
        english = home.copy_for_translation(locales["en"])
        for field, value in HOME_CONTENT["en"].items():
            setattr(english, field, value)
        english.save_revision().publish()
    return home
