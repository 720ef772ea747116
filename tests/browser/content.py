"""Demo-like content for the browser tests: a small knowledge bank in Dutch with English translations.

Built with the shared factories (or the practices engineer's `load_demo_content` when it exists), so
every page type has something real to render: terms, places, practices, one left untranslated.
"""

import datetime
import io

from django.core.management import call_command, get_commands
from wagtail.models import Locale

from home.information_pages import ensure_information_pages
from home.site_structure import ensure_site_structure
from practices.models import PracticeIndexPage, PracticePage
from publications.models import PublicationIndexPage, PublicationPage
from tests.factories import (
    LearningFormFactory,
    MunicipalityFactory,
    PracticeIndexPageFactory,
    ProfessionalGroupFactory,
    ProvinceFactory,
    ThemeFactory,
    make_practice,
)


def translate_term(term, name, slug):
    """The term's English translation; the seed migration may already have made it."""
    english_locale = Locale.objects.get(language_code="en")
    if term.has_translation(english_locale):
        return term.get_translation(english_locale)
    english = term.copy_for_translation(english_locale)
    english.name, english.slug = name, slug
    english.save()
    return english


def english_term(term):
    """The term's English translation, made (under the Dutch name) when an editor has not yet."""
    english_locale = Locale.objects.get(language_code="en")
    if term.has_translation(english_locale):
        return term.get_translation(english_locale)
    return translate_term(term, term.name, term.slug)


def translate_practice(page, title, summary):
    """The English translation an editor would publish, pointing at the English terms."""
    english_locale = Locale.objects.get(language_code="en")
    english = page.copy_for_translation(english_locale, copy_parents=True)
    english.title, english.summary = title, summary
    for link in english.practice_themes.all():
        link.theme = english_term(link.theme)
    for link in english.practice_professional_groups.all():
        link.professional_group = english_term(link.professional_group)
    for link in english.practice_learning_forms.all():
        link.learning_form = english_term(link.learning_form)
    english.save_revision().publish()
    parent = english.get_parent().specific
    if not parent.live:  # copy_parents leaves the translated index as a draft
        parent.save_revision().publish()
    return english


def build_with_factories():
    home = ensure_site_structure()
    index = PracticeIndexPage.objects.filter(locale=home.locale).first()
    if index is None:
        index = PracticeIndexPageFactory(parent=home)
        index.save_revision().publish()
    gelderland = ProvinceFactory(name="Gelderland", slug="gelderland")
    utrecht = ProvinceFactory(name="Utrecht", slug="utrecht")
    barneveld = MunicipalityFactory(
        name="Barneveld", slug="barneveld", cbs_code="GM0203", province=gelderland
    )
    ede = MunicipalityFactory(name="Ede", slug="ede", cbs_code="GM0228", province=gelderland)
    zeist = MunicipalityFactory(name="Zeist", slug="zeist", cbs_code="GM0355", province=utrecht)

    purpose = ThemeFactory(name="De bedoeling", slug="de-bedoeling")
    youth = ThemeFactory(name="Jeugdzorg", slug="jeugdzorg")
    purchase = ThemeFactory(name="Inkoop", slug="inkoop")
    translate_term(purpose, "Purpose first", "purpose-first")
    translate_term(youth, "Youth care", "youth-care")
    translate_term(purchase, "Procurement", "procurement")
    consultant = ProfessionalGroupFactory(name="Wmo-consulent", slug="wmo-consulent")
    translate_term(consultant, "Social support consultant", "social-support-consultant")
    intervision = LearningFormFactory(name="Intervisie", slug="intervisie")
    translate_term(intervision, "Peer consultation", "peer-consultation")

    barneveld_case = make_practice(
        index,
        "Barneveld stopt met interne doorbelasting",
        summary="Het team merkte dat interne doorbelasting het gesprek aan de keukentafel in de weg zat.",
        municipality=barneveld,
        themes=[purpose, purchase],
        professional_groups=[consultant],
        learning_forms=[intervision],
        situation="Niemand wist meer waarvoor de doorbelasting diende.",
        approach="Het team bracht in kaart wat elke regel de inwoner kostte.\n\nDaarna stopte het.",
        results="Minder administratie en meer tijd voor inwoners.",
        lessons="Begin bij de bedoeling, niet bij de regel.",
        practice_date=datetime.date(2017, 5, 1),
    )
    ede_case = make_practice(
        index,
        "Ede koopt jeugdzorg in op resultaat",
        summary="Ede en zorgaanbieders spraken resultaten af in plaats van uren.",
        municipality=ede,
        themes=[youth, purchase],
        professional_groups=[consultant],
        situation="Uren declareren zei niets over wat kinderen verder hielp.",
        approach="Samen met aanbieders werden vijf resultaten afgesproken.",
        practice_date=datetime.date(2019, 9, 1),
    )
    make_practice(
        index,
        "Zeist leert in intervisie over casuïstiek",
        summary="Wijkteams in Zeist bespreken maandelijks een casus met elkaar.",
        municipality=zeist,
        themes=[youth],
        learning_forms=[intervision],
        situation="Lastige casussen bleven bij één medewerker liggen.",
        practice_date=datetime.date(2021, 2, 1),
    )
    translate_practice(
        barneveld_case,
        "Barneveld stops internal recharging",
        "The team noticed that internal recharging got in the way of kitchen-table conversations.",
    )
    translate_practice(
        ede_case,
        "Ede purchases youth care on results",
        "Ede and care providers agreed on results instead of hours.",
    )
    return home


def build_site_content():
    """Create the content (committed: a separate server thread serves it) and return key addresses."""
    if "load_demo_content" in get_commands():
        ensure_site_structure()
        call_command("load_demo_content", verbosity=0)
    else:
        build_with_factories()
    if "setup_contributions" in get_commands():
        call_command("setup_contributions", stdout=io.StringIO())
    ensure_information_pages(ensure_site_structure())
    call_command("setup_publications", stdout=io.StringIO())
    call_command("load_demo_publications", stdout=io.StringIO())
    call_command("update_index", verbosity=0)
    return content_addresses()


def content_addresses():
    """The addresses of one page of each kind, in both languages, for the tests to visit."""
    english = Locale.objects.get(language_code="en")
    dutch = Locale.objects.get(language_code="nl")
    practices = PracticePage.objects.live().public().filter(locale=dutch).order_by("pk")
    translated = next(p for p in practices if p.has_translation(english))
    untranslated = next((p for p in practices if not p.has_translation(english)), None)
    english_practice = translated.get_translation(english)
    theme = translated.themes[0]
    publication_index = PublicationIndexPage.objects.live().filter(locale=dutch).first()
    publication = PublicationPage.objects.live().filter(locale=dutch).order_by("pk").first()
    return {
        "practice": translated.url,
        "practice_en": english_practice.url,
        "practice_untranslated": untranslated.url if untranslated else None,
        "practice_title": translated.title,
        "theme_slug": theme.slug,
        "theme_slug_en": theme.get_translation(english).slug,
        "municipality_slug": translated.municipality.slug if translated.municipality else None,
        "professional_group_slug": (
            translated.professional_groups[0].slug if translated.professional_groups else None
        ),
        "professional_group_slug_en": (
            english_practice.professional_groups[0].slug
            if english_practice.professional_groups
            else None
        ),
        "search_term": translated.title.split()[0],
        "index": PracticeIndexPage.objects.live().filter(locale=dutch).first().url,
        "index_en": PracticeIndexPage.objects.live().filter(locale=english).first().url,
        "publications": publication_index.url if publication_index else None,
        "publication": publication.url if publication else None,
    }
