"""What the practice page shows besides its own fields: the fact box terms, attachments and related cases.

A fixed number of SQL queries whatever the number of terms, places or related cases: one query
reads every link row of the page (themes, groups, learning forms, involved municipalities,
related cases, attachments), terms and places come from the per-version lookups
(practices.lookups), and the related cases are one query. Computed once per page object, so the
page's head (seo) and body share it.
"""

from django.db.models import Case, CharField, Count, IntegerField, Q, Value, When

from caching.public_pages import public
from practices import lookups

RELATED_COUNT = 4

# Link rows read together: (model name in practices.models, the column pointing at what is linked).
LINKS = (
    ("PracticeTheme", "theme_id"),
    ("PracticeProfessionalGroup", "professional_group_id"),
    ("PracticeLearningForm", "learning_form_id"),
    ("PracticeInvolvedMunicipality", "municipality_id"),
    ("RelatedPractice", "practice_id"),
    ("PracticeAttachment", "document_id"),
)
CONTEXT_ATTRIBUTE = "practice_context_of_page"


def link_rows(page):
    """{link model name: [linked id, …] in the editor's order}, in one query."""
    from practices import models

    parts = [
        getattr(models, name)
        .objects.filter(page_id=page.id)
        .annotate(kind=Value(name, output_field=CharField()))
        .order_by()
        .values_list(column, "sort_order", "kind")
        for name, column in LINKS
    ]
    rows = parts[0].union(*parts[1:], all=True)
    found = {name: [] for name, _column in LINKS}
    for linked_id, _sort_order, kind in sorted(rows, key=lambda row: (row[1] is None, row[1] or 0)):
        found[kind].append(linked_id)
    return found


def related_practices(page, theme_ids, group_ids, limit=RELATED_COUNT, chosen_ids=None):
    """Editor-chosen related cases first, then cases sharing most themes and groups (newest first).

    One query: the chosen cases and, while fewer than `limit` are chosen, the best sharing ones."""
    from practices.models import PracticePage, RelatedPractice

    if chosen_ids is None:
        chosen_ids = list(
            RelatedPractice.objects.filter(page=page)
            .order_by("sort_order")
            .values_list("practice_id", flat=True)
        )
    chosen_ids = [id_ for id_ in dict.fromkeys(chosen_ids) if id_ != page.id]
    candidates = public(
        PracticePage.objects.live().filter(locale_id=page.locale_id).exclude(id=page.id)
    ).select_related("municipality")
    if len(chosen_ids) >= limit or not (theme_ids or group_ids):
        if not chosen_ids:
            return []
        found = {practice.id: practice for practice in candidates.filter(id__in=chosen_ids)}
        return [found[id_] for id_ in chosen_ids if id_ in found][:limit]
    ranked = (
        candidates.filter(
            Q(id__in=chosen_ids)
            | Q(practice_themes__theme_id__in=theme_ids)
            | Q(practice_professional_groups__professional_group_id__in=group_ids)
        )
        .annotate(
            chosen=Case(
                When(id__in=chosen_ids, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
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
        .order_by("-chosen", "-shared_themes", "-shared_groups", "-practice_date", "title")
    )
    found = list(ranked[:limit])
    order = {id_: position for position, id_ in enumerate(chosen_ids)}
    chosen = sorted((p for p in found if p.id in order), key=lambda p: order[p.id])
    return chosen + [p for p in found if p.id not in order]


def practice_context(page):
    if page.pk is None or getattr(page, "_cluster_related_objects", None):
        return _in_memory_context(page)
    known = vars(page).get(CONTEXT_ATTRIBUTE)
    if known is None:
        known = vars(page)[CONTEXT_ATTRIBUTE] = _stored_context(page)
    return known


def _stored_context(page):
    from practices.models import LearningForm, PracticeAttachment, ProfessionalGroup, Theme

    links = link_rows(page)

    def terms(model, name):
        by_id = lookups.terms_by_id(model)
        return [by_id[id_] for id_ in links[name] if id_ in by_id]

    themes = terms(Theme, "PracticeTheme")
    groups = terms(ProfessionalGroup, "PracticeProfessionalGroup")
    forms = terms(LearningForm, "PracticeLearningForm")
    places = lookups.municipalities_by_id()
    municipality = places.get(page.municipality_id) if page.municipality_id else None
    involved = [places[id_] for id_ in links["PracticeInvolvedMunicipality"] if id_ in places]
    attachments = []
    if links["PracticeAttachment"]:
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
        "involved_municipalities": list(dict.fromkeys(m for m in involved if m != municipality)),
        "attachments": attachments,
        "related": related_practices(
            page,
            [t.id for t in themes],
            [g.id for g in groups],
            chosen_ids=links["RelatedPractice"],
        ),
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
