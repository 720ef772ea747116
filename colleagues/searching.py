"""Colleague-trainers ("collega") and answered knowledge questions ("vraag") in search: registered
from ColleaguesConfig.ready. Only live, public profiles with consent are counted and found."""

from django.utils.translation import gettext_lazy as _

from search.documents import SearchDocument
from search.facts import add_links, linked_pages, with_ids
from search.registry import DocumentType, Facts, register_label_source, register_type

COLLEAGUE_TYPE = "collega"
QUESTION_TYPE = "vraag"


def _date(value):
    return value.date() if value is not None and hasattr(value, "date") else value


# --- colleagues --------------------------------------------------------------------------------


def colleague_document(page):
    from practices.search import municipality_names

    places = []
    if page.municipality_id:
        places = ["Gemeente " + page.municipality.name] + municipality_names(page.municipality)[1:]
    labels = [t.name for t in page.theme_terms]
    labels += [g.name for g in page.professional_group_terms]
    labels += [f.name for f in page.learning_form_terms]
    labels += [page.organisation, page.job_title]
    return SearchDocument(
        language=page.locale.language_code,
        title=page.title,
        summary=page.helps_with,
        places=places,
        labels=[label for label in labels if label],
    )


def colleague_facet_values(page):
    municipality = page.municipality if page.municipality_id else None
    return {
        "theme": [t.slug for t in page.theme_terms],
        "professional_group": [g.slug for g in page.professional_group_terms],
        "learning_form": [f.slug for f in page.learning_form_terms],
        "municipality": [municipality.cbs_code] if municipality else [],
        "province": [municipality.province.slug] if municipality else [],
    }


def colleague_facts(locale_id, ids=None):
    from colleagues.browsing import visible_colleagues
    from colleagues.models import (
        ColleagueLearningForm,
        ColleagueProfessionalGroup,
        ColleagueTheme,
    )

    pages = visible_colleagues(locale_id)
    if ids is not None:
        pages = with_ids(pages, '"wagtailcore_page"."id"', ids)
    values, dates = {}, {}
    rows = pages.values_list(
        "id", "consent_given_at", "municipality__cbs_code", "municipality__province__slug"
    )
    for pk, consent_at, code, province in rows:
        dates[pk] = _date(consent_at)
        values[pk] = {"municipality": [code], "province": [province]} if code else {}
    if not values:
        return {}
    add_links(
        values,
        pages,
        [
            (ColleagueTheme, "theme__slug", "theme"),
            (ColleagueProfessionalGroup, "professional_group__slug", "professional_group"),
            (ColleagueLearningForm, "learning_form__slug", "learning_form"),
        ],
        ids,
    )
    return {pk: Facts(pk, dates[pk], values[pk]) for pk in values}


# --- answered questions ------------------------------------------------------------------------


def question_document(page):
    from search.analysis import strip_html

    labels = [term.name for term in (page.theme, page.professional_group) if term]
    if page.answered_by_id:
        labels.append(page.answered_by.title)
    return SearchDocument(
        language=page.locale.language_code,
        title=page.title,
        summary=page.question,
        labels=labels,
        passages=[strip_html(page.answer)],
    )


def question_facet_values(page):
    return {
        "theme": [page.theme.slug] if page.theme_id else [],
        "professional_group": [page.professional_group.slug] if page.professional_group_id else [],
    }


def question_facts(locale_id, ids=None):
    from colleagues.models import QuestionAnswerPage

    pages = QuestionAnswerPage.objects.live().public().filter(locale_id=locale_id)
    if ids is not None:
        pages = with_ids(pages, '"wagtailcore_page"."id"', ids)
    found = {}
    for pk, answered_on, theme, group in pages.values_list(
        "id", "answered_on", "theme__slug", "professional_group__slug"
    ):
        values = {}
        if theme:
            values["theme"] = [theme]
        if group:
            values["professional_group"] = [group]
        found[pk] = Facts(pk, answered_on, values)
    return found


def register():
    from colleagues.models import (
        ColleagueLearningForm,
        ColleaguePage,
        ColleagueProfessionalGroup,
        ColleagueTheme,
        QuestionAnswerPage,
    )
    from practices.models import LearningForm, ProfessionalGroup, Theme

    register_type(
        DocumentType(
            COLLEAGUE_TYPE,
            _("Collega"),
            models=(ColleaguePage,),
            document=colleague_document,
            facts=colleague_facts,
            facet_values=colleague_facet_values,
            date=lambda page: _date(page.consent_given_at),
            facets=("theme", "professional_group", "municipality", "province", "learning_form"),
            hit_template="colleagues/includes/search_hit.html",
        )
    )
    register_type(
        DocumentType(
            QUESTION_TYPE,
            _("Beantwoorde vraag"),
            models=(QuestionAnswerPage,),
            document=question_document,
            facts=question_facts,
            facet_values=question_facet_values,
            date=lambda page: page.answered_on,
            facets=("theme", "professional_group"),
            hit_template="colleagues/includes/search_hit.html",
        )
    )
    register_label_source(Theme, linked_pages(ColleagueTheme, "theme"))
    register_label_source(
        ProfessionalGroup, linked_pages(ColleagueProfessionalGroup, "professional_group")
    )
    register_label_source(LearningForm, linked_pages(ColleagueLearningForm, "learning_form"))
