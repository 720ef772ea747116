"""Finding publications: the filtered listing, where a word occurs in a file, what mentions a practice.

Views and templates get plain objects from here; they run no queries of their own.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.html import escape
from django.utils.safestring import mark_safe

PAGE_SIZE = 12
MAX_QUERY_LENGTH = 200
MAX_PAGES_SHOWN = 5

# Words too common to tell pages apart; the search engine ignores them as well.
STOPWORDS = frozenset(
    "de het een en of in op te van voor met aan bij als dat die dit er is zijn wat wie hoe "
    "niet ook om over tot uit naar door maar dan the a an of and or to for".split()
)


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    selected: bool = False


@dataclass(frozen=True)
class PageMatch:
    """Where the words of a query occur in one file of a publication."""

    file: object  # PublicationFile
    pages: list[int]  # 1-based page numbers, all of them
    excerpt: str  # HTML-safe, the matched words in <mark>

    @property
    def shown_pages(self):
        return self.pages[:MAX_PAGES_SHOWN]

    @property
    def more_pages(self):
        return max(0, len(self.pages) - MAX_PAGES_SHOWN)


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


# --- words -----------------------------------------------------------------------------------


def _fold(text):
    """Lower case without accents, so "geïnspireerd" and "geinspireerd" are the same word."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("dutch")


def query_terms(query):
    """The stems of the meaningful words of a query (Dutch stemming, accents folded)."""
    words = [w for w in re.findall(r"\w+", _fold(query)) if len(w) > 1 and w not in STOPWORDS]
    stemmer = _stemmer()
    return list(dict.fromkeys(stemmer.stemWord(w) for w in words))


def _matching_words(text, stems, stemmer):
    """The words of `text` whose stem is one of `stems`, keyed by stem."""
    folded = _fold(text)
    found = {}
    for stem in stems:
        # Quick test first: an inflected word almost always starts with its stem.
        if stem[:4] not in folded:
            continue
        for word in set(re.findall(r"\w*" + re.escape(stem[:4]) + r"\w*", folded)):
            if stemmer.stemWord(word) == stem:
                found.setdefault(stem, set()).add(word)
    return found


def _excerpt(text, words, width=90):
    folded = _fold(text)
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(w) for w in sorted(words, key=len)[::-1]) + r")\b"
    )
    first = pattern.search(folded)
    start = max(0, first.start() - width) if first else 0
    end = min(len(text), (first.end() if first else 0) + width)
    # Folding keeps the length for ordinary Latin text, so positions map back onto the original.
    fragment = text[start:end]
    folded_fragment = folded[start:end] if len(folded) == len(text) else _fold(fragment)
    out, last = [], 0
    if len(folded_fragment) == len(fragment):
        for match in pattern.finditer(folded_fragment):
            out.append(escape(fragment[last : match.start()]))
            out.append(f"<mark>{escape(fragment[match.start() : match.end()])}</mark>")
            last = match.end()
    out.append(escape(fragment[last:]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + " ".join("".join(out).split()) + suffix)  # noqa: S308 -- escaped above


def find_in_files(publication, query):
    """For each file of `publication`, the pages on which all words of `query` occur.

    When no page has all the words, the pages that have the most of them are given.
    """
    from publications.models import DocumentText

    stems = query_terms(query)
    if not stems:
        return []
    stemmer = _stemmer()
    files = list(publication.files.select_related("document"))
    texts = {
        t.document_id: t
        for t in DocumentText.objects.filter(
            document_id__in=[f.document_id for f in files], status=DocumentText.Status.DONE
        )
    }
    results = []
    for item in files:
        record = texts.get(item.document_id)
        if record is None:
            continue
        scored = []
        for number, text in enumerate(record.pages, start=1):
            found = _matching_words(text, stems, stemmer)
            if found:
                scored.append((len(found), number, text, set().union(*found.values())))
        if not scored:
            continue
        best = max(score for score, *_ in scored)
        pages = [(n, text, words) for score, n, text, words in scored if score == best]
        _n, first_text, first_words = pages[0]
        results.append(
            PageMatch(
                file=item, pages=[n for n, *_ in pages], excerpt=_excerpt(first_text, first_words)
            )
        )
    return results


# --- the listing -----------------------------------------------------------------------------


def _first(params, name):
    value = params.get(name, "")
    return value.strip()[:100] if isinstance(value, str) else ""


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

    if query:
        ids = list(selection.values_list("id", flat=True))
        found = PublicationPage.objects.filter(id__in=ids).search(query, operator="and")
        pages = list(found)
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
        ListedPublication(page=p, matches=find_in_files(p, query) if query else [])
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
    from publications.models import PublicationPage

    return list(
        PublicationPage.objects.live()
        .public()
        .filter(
            locale_id=practice_page.locale_id,
            discussed_practices__practice__translation_key=practice_page.translation_key,
        )
        .distinct()
        .order_by("-publication_date", "title")
    )
