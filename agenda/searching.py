"""Activities in search: the `activiteit` type with the date of the first session, in the shared
facets (themes, professional groups, learning forms, place). Registered from AgendaConfig.ready."""

from django.db.models import Min
from django.utils.translation import gettext_lazy as _

from search.documents import SearchDocument, stream_passages
from search.facts import add_links, linked_pages, with_ids
from search.registry import DocumentType, Facts, register_label_source, register_type

ACTIVITY_TYPE = "activiteit"  # the "type" facet value of an activity


def activity_passages(page):
    passages = [page.summary, page.audience, *stream_passages(page.programme)]
    return [p for p in passages if p and p.strip()]


def build_activity_document(page):
    from practices.search import municipality_names

    places = []
    if page.municipality_id and not page.is_online:
        places = ["Gemeente " + page.municipality.name] + municipality_names(page.municipality)[1:]
    labels = [page.get_kind_display(), *page.organiser_list]
    labels += [t.name for t in page.themes] + [g.name for g in page.professional_groups]
    labels += [f.name for f in page.learning_forms] + [c.title for c in page.trainer_pages]
    if page.is_online:
        labels.append("online")
    return SearchDocument(
        language=page.locale.language_code,
        title=page.title,
        summary=page.summary,
        places=list(dict.fromkeys(places)),
        labels=[label for label in labels if label],
        passages=activity_passages(page),
    )


def activity_facts(locale_id, ids=None):
    """Dates (first session) and facet values of the live, public activities of a locale."""
    from agenda.models import (
        ActivityLearningForm,
        ActivityPage,
        ActivityProfessionalGroup,
        ActivityTheme,
    )

    pages = ActivityPage.objects.live().public().filter(locale_id=locale_id)
    if ids is not None:
        pages = with_ids(pages, '"wagtailcore_page"."id"', ids)
    dates, values = {}, {}
    rows = pages.annotate(first=Min("sessions__date")).values_list(
        "id", "first", "is_online", "municipality__cbs_code", "municipality__province__slug"
    )
    for pk, first, online, code, province in rows:
        dates[pk] = first
        values[pk] = {"municipality": [code], "province": [province]} if code and not online else {}
    if not values:
        return {}
    add_links(
        values,
        pages,
        [
            (ActivityTheme, "theme__slug", "theme"),
            (ActivityProfessionalGroup, "professional_group__slug", "professional_group"),
            (ActivityLearningForm, "learning_form__slug", "learning_form"),
        ],
        ids,
    )
    return {pk: Facts(pk, dates[pk], values[pk]) for pk in values}


def register():
    from agenda.models import (
        ActivityLearningForm,
        ActivityPage,
        ActivityProfessionalGroup,
        ActivityTheme,
    )
    from practices.models import LearningForm, ProfessionalGroup, Theme
    from practices.search import term_facet_values

    register_type(
        DocumentType(
            ACTIVITY_TYPE,
            _("Activiteit"),
            models=(ActivityPage,),
            document=build_activity_document,
            passages=activity_passages,
            facts=activity_facts,
            facet_values=term_facet_values,
            date=lambda page: page.first_date,
            facets=("theme", "professional_group", "municipality", "province", "learning_form"),
            hit_template="agenda/includes/search_hit.html",
        )
    )
    register_label_source(Theme, linked_pages(ActivityTheme, "theme"))
    register_label_source(
        ProfessionalGroup, linked_pages(ActivityProfessionalGroup, "professional_group")
    )
    register_label_source(LearningForm, linked_pages(ActivityLearningForm, "learning_form"))
