"""Finding publications: the filtered listing, where a word occurs in a file, what mentions a practice.

Views and templates get plain objects from here; they run no queries of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator

from publications.searching import PageMatch, locate
from search.service import rank

PAGE_SIZE = 12
MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    selected: bool = False


@dataclass(frozen=True)
class ListedPublication:
    page: object  # PublicationPage
    matches: list[PageMatch] = field(default_factory=list)


@dataclass
class PublicationListing:
    query: str
    items: list[ListedPublication]
    page_obj: object
    count: int
    themes: list[Option]
    professional_groups: list[Option]
    publishers: list[Option]
    years: list[Option]
    filtered: bool
    errors: list[str] = field(default_factory=list)

    @property
    def is_paginated(self):
        return self.page_obj.paginator.num_pages > 1


# --- the listing -----------------------------------------------------------------------------


def _first(params, name):
    value = params.get(name, "")
    # NUL cannot be stored or compared in PostgreSQL text: drop it rather than fail with a 500.
    return value.replace("\x00", "").strip()[:100] if isinstance(value, str) else ""


def list_publications(index_page, params, page_size=PAGE_SIZE):
    """The publications under `index_page`, filtered by theme, group, publisher, year and words."""
    from practices.models import ProfessionalGroup, Theme
    from publications.models import (
        PublicationPage,
        PublicationProfessionalGroup,
        PublicationPublisher,
        PublicationTheme,
        Publisher,
    )

    base = (
        PublicationPage.objects.live()
        .public()
        .child_of(index_page)
        .filter(locale_id=index_page.locale_id)
    )
    theme = _first(params, "thema")
    group = _first(params, "beroepsgroep")
    publisher = _first(params, "uitgever")
    year = _first(params, "jaar")
    query = _first(params, "q")[:MAX_QUERY_LENGTH]
    errors = []

    selection = base
    if theme:
        selection = selection.filter(publication_themes__theme__slug=theme)
    if group:
        selection = selection.filter(
            publication_professional_groups__professional_group__slug=group
        )
    if publisher:
        selection = selection.filter(publication_publishers__publisher__slug=publisher)
    if year:
        if year.isdigit() and 1900 < int(year) < 2200:
            selection = selection.filter(publication_date__year=int(year))
        else:
            errors.append("jaar")
            year = ""
    selection = selection.distinct().order_by("-publication_date", "title")

    plan = None
    if query:
        language = index_page.locale.language_code
        # Ranked by the site search's engine and rules: all words, else most of them.
        ids, plan = rank(query, language, list(selection.values_list("id", flat=True)))
        by_id = PublicationPage.objects.in_bulk(ids)
        pages = [by_id[pk] for pk in ids if pk in by_id]
    else:
        pages = list(selection)

    paginator = Paginator(pages, page_size)
    try:
        page_obj = paginator.page(params.get("pagina", 1))
    except PageNotAnInteger:
        page_obj = paginator.page(1)
    except EmptyPage:
        page_obj = paginator.page(paginator.num_pages)
    items = [
        ListedPublication(page=p, matches=locate(p, plan) if plan else [])
        for p in page_obj.object_list
    ]

    used_ids = list(base.values_list("id", flat=True))
    theme_ids = PublicationTheme.objects.filter(page_id__in=used_ids).values("theme_id")
    group_ids = PublicationProfessionalGroup.objects.filter(page_id__in=used_ids).values(
        "professional_group_id"
    )
    publisher_ids = PublicationPublisher.objects.filter(page_id__in=used_ids).values("publisher_id")
    years = sorted(
        {d.year for d in base.values_list("publication_date", flat=True) if d}, reverse=True
    )
    return PublicationListing(
        query=query,
        items=items,
        page_obj=page_obj,
        count=paginator.count,
        themes=[
            Option(t.slug, t.name, t.slug == theme) for t in Theme.objects.filter(id__in=theme_ids)
        ],
        professional_groups=[
            Option(g.slug, g.name, g.slug == group)
            for g in ProfessionalGroup.objects.filter(id__in=group_ids)
        ],
        publishers=[
            Option(p.slug, p.name, p.slug == publisher)
            for p in Publisher.objects.filter(id__in=publisher_ids)
        ],
        years=[Option(str(y), str(y), str(y) == year) for y in years],
        filtered=bool(theme or group or publisher or year or query),
        errors=errors,
    )


def publications_mentioning(practice_page):
    """Live, public publications in the practice's language that discuss this practice."""
    from caching.public_pages import public
    from publications.models import PublicationPage

    return list(
        public(PublicationPage.objects.live())
        .filter(
            locale_id=practice_page.locale_id,
            discussed_practices__practice__translation_key=practice_page.translation_key,
        )
        .distinct()
        .order_by("-publication_date", "title")
    )
