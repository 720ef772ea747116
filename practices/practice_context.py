"""What the practice page shows besides its own fields: the fact box terms, attachments and related cases.

Every part is one query, whatever the number of terms or related cases, so a practice page costs
a fixed number of SQL queries.
"""

from django.db.models import Count, Q

RELATED_COUNT = 4


def _terms(page, link_model, field):
    links = (
        link_model.objects.filter(page=page)
        .select_related(f"{field}__locale")
        .order_by("sort_order")
    )
    return [getattr(link, field) for link in links]


def related_practices(page, theme_ids, group_ids, limit=RELATED_COUNT):
    """Editor-chosen related cases first, then cases sharing most themes and groups (newest first)."""
    from practices.models import PracticePage, RelatedPractice

    chosen_ids = list(
        RelatedPractice.objects.filter(page=page)
        .exclude(practice_id=page.id)
        .order_by("sort_order")
        .values_list("practice_id", flat=True)
    )
    related = []
    if chosen_ids:
        found = {
            practice.id: practice
            for practice in PracticePage.objects.live()
            .public()
            .filter(id__in=chosen_ids, locale_id=page.locale_id)
            .select_related("municipality")
        }
        related = [found[id_] for id_ in dict.fromkeys(chosen_ids) if id_ in found]
    related = related[:limit]
    missing = limit - len(related)
    if missing > 0 and (theme_ids or group_ids):
        shared = (
            PracticePage.objects.live()
            .public()
            .filter(locale_id=page.locale_id)
            .exclude(id__in=[page.id, *(practice.id for practice in related)])
            .filter(
                Q(practice_themes__theme_id__in=theme_ids)
                | Q(practice_professional_groups__professional_group_id__in=group_ids)
            )
            .annotate(
                shared_themes=Count(
                    "practice_themes",
                    filter=Q(practice_themes__theme_id__in=theme_ids),
                    distinct=True,
                ),
                shared_groups=Count(
                    "practice_professional_groups",
                    filter=Q(practice_professional_groups__professional_group_id__in=group_ids),
                    distinct=True,
                ),
            )
            .select_related("municipality")
            .order_by("-shared_themes", "-shared_groups", "-practice_date", "title")
        )
        related.extend(shared[:missing])
    return related


def practice_context(page):
    from practices.models import (
        PracticeAttachment,
        PracticeInvolvedMunicipality,
        PracticeLearningForm,
        PracticeProfessionalGroup,
        PracticeTheme,
    )

    if page.pk is None or getattr(page, "_cluster_related_objects", None):
        return _in_memory_context(page)
    themes = _terms(page, PracticeTheme, "theme")
    groups = _terms(page, PracticeProfessionalGroup, "professional_group")
    forms = _terms(page, PracticeLearningForm, "learning_form")
    involved = [
        link.municipality
        for link in PracticeInvolvedMunicipality.objects.filter(page=page)
        .select_related("municipality__province")
        .order_by("sort_order")
    ]
    municipality = None
    if page.municipality_id:
        from practices.models import Municipality

        municipality = Municipality.objects.select_related("province").get(id=page.municipality_id)
    attachments = list(
        PracticeAttachment.objects.filter(page=page)
        .select_related("document")
        .order_by("sort_order")
    )
    return {
        "themes": themes,
        "professional_groups": groups,
        "learning_forms": forms,
        "main_municipality": municipality,
        "involved_municipalities": [m for m in involved if m != municipality],
        "attachments": attachments,
        "related": related_practices(page, [t.id for t in themes], [g.id for g in groups]),
        "similar": similar_practices(page),
    }


def similar_practices(page, limit=RELATED_COUNT):
    """ "Vergelijkbare praktijkvoorbeelden": by meaning and shared terms, each with why (search by
    meaning; nothing when it is off, then the related practices above stand alone)."""
    from search import semantic
    from search.registry import type_of

    if not semantic.is_enabled() or type_of(page) is None:
        return []
    return semantic.similar_to_page(page, limit=limit, types=(type_of(page).name,))


def _in_memory_context(page):
    """A preview (of a new or edited page) or a revision holds its inline rows in memory, not in
    the database: read them from the page itself."""
    involved = [item.municipality for item in page.involved_municipalities.all()]
    municipality = page.municipality if page.municipality_id else None
    return {
        "themes": page.themes,
        "professional_groups": page.professional_groups,
        "learning_forms": page.learning_forms,
        "main_municipality": municipality,
        "involved_municipalities": [m for m in involved if m != municipality],
        "attachments": list(page.attachments.all()),
        "related": [item.practice for item in page.related_practices.all()][:RELATED_COUNT],
    }
