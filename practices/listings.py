"""Lists of practices for the browsing pages, all answered by the search service so counts agree everywhere.

A listing asks `search.service.search` for one page of practices; on the English site it also asks
for the Dutch cases that have no English translation yet, so readers see they exist.
"""

import math
from dataclasses import dataclass, field

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page

from practices.search import PRACTICE_TYPE
from search.params import parse_params
from search.service import search
from search.types import MAX_PAGE_SIZE, SearchParams, SearchResults

PAGE_SIZE = 12


def current_language():
    return (get_language() or "nl").split("-")[0]


class BadPageNumber(Exception):
    """The page number in the address does not exist; the message says what does."""


def page_number(request):
    """The requested page number (1 when absent); BadPageNumber for anything else than 1, 2, …"""
    raw = request.GET.get("page", "").strip()
    if not raw:
        return 1
    if not raw.isdigit() or int(raw) < 1 or len(raw) > 6:
        raise BadPageNumber(_("“%(page)s” is geen paginanummer.") % {"page": raw[:20]})
    return int(raw)


def filters_from_query(request):
    """The facet filters a visitor chose in the GET form: {facet name: (value, …)}, read as the search page does."""
    params, _errors = parse_params(request.GET, current_language())
    return dict(params.filters)


@dataclass
class Listing:
    """One page of a listing, ready for `templates/includes/practice_listing.html`."""

    results: SearchResults | None
    page: int = 1
    page_count: int = 1
    error: str = ""
    untranslated: list = field(default_factory=list)  # Dutch-only hits shown on the English site
    base_query: str = ""  # the query string without `page`, for pagination links

    @property
    def count(self):
        return self.results.count if self.results else 0

    @property
    def hits(self):
        return self.results.hits if self.results else []

    @property
    def pages(self):
        """Page numbers to link, with None where a gap is left out: 1 … 4 5 6 … 12."""
        shown = {1, self.page_count, self.page - 1, self.page, self.page + 1}
        numbers = []
        for number in range(1, self.page_count + 1):
            if number in shown:
                numbers.append(number)
            elif numbers and numbers[-1] is not None:
                numbers.append(None)
        return numbers

    @property
    def previous_page(self):
        return self.page - 1 if self.page > 1 else None

    @property
    def next_page(self):
        return self.page + 1 if self.page < self.page_count else None


def _base_query(request):
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def build_listing(request, filters, *, dutch_filters=None, query="", page_size=PAGE_SIZE):
    """Ask the search service for one page of practices matching `filters` in the active language.

    `dutch_filters` are the same filters in Dutch terms; on the English site they fetch the Dutch
    cases without an English translation (first page only).
    """
    language = current_language()
    listing = Listing(results=None, base_query=_base_query(request))
    try:
        listing.page = page_number(request)
    except BadPageNumber as problem:
        listing.error = str(problem)
        listing.page = 1
    params = SearchParams(
        query=query,
        language=language,
        filters=filters,
        sort="relevance" if query else "newest",
        page=listing.page,
        page_size=page_size,
        document_types=(PRACTICE_TYPE,),
    )
    listing.results = search(params)
    listing.page_count = max(1, math.ceil(listing.results.count / page_size))
    if not listing.error and listing.page > listing.page_count:
        listing.error = _(
            "Pagina %(page)s bestaat niet; deze lijst heeft %(count)s pagina('s)."
        ) % {"page": listing.page, "count": listing.page_count}
    if listing.error:
        listing.page = 1
        listing.results = SearchResults(
            params=params, count=listing.results.count, hits=[], facets=listing.results.facets
        )
    if language != "nl" and dutch_filters is not None and listing.page == 1 and not listing.error:
        listing.untranslated = dutch_only_hits(dutch_filters, language, query=query)
    return listing


def dutch_only_hits(dutch_filters, language, *, query=""):
    """Dutch hits for these filters whose page has no live translation in `language`."""
    dutch = search(
        SearchParams(
            query=query,
            language="nl",
            filters=dutch_filters,
            sort="relevance" if query else "newest",
            page=1,
            page_size=MAX_PAGE_SIZE,
            document_types=(PRACTICE_TYPE,),
        )
    )
    if not dutch.hits:
        return []
    ids = [hit.page_id for hit in dutch.hits]
    keys = dict(Page.objects.filter(id__in=ids).values_list("id", "translation_key"))
    translated = set(
        Page.objects.live()
        .filter(translation_key__in=keys.values(), locale__language_code=language)
        .values_list("translation_key", flat=True)
    )
    return in_language_terms(
        [hit for hit in dutch.hits if keys.get(hit.page_id) not in translated], language
    )


# Facets whose values are terms with a translation (facet name -> model in practices.models).
TRANSLATED_FACETS = {
    "theme": "Theme",
    "professional_group": "ProfessionalGroup",
    "learning_form": "LearningForm",
}


def in_language_terms(hits, language):
    """`hits` (Dutch) with their terms labelled in `language` wherever the term has a translation:
    an English reader of a Dutch-only case still reads its themes in English."""
    import dataclasses

    from practices import models
    from search.types import Term

    if not hits or language == "nl":
        return hits
    names = {}
    for facet, model_name in TRANSLATED_FACETS.items():
        slugs = {term.value for hit in hits for term in hit.terms.get(facet, ())}
        if not slugs:
            continue
        model = getattr(models, model_name)
        dutch = dict(
            model.objects.filter(locale__language_code="nl", slug__in=slugs).values_list(
                "translation_key", "slug"
            )
        )
        names[facet] = {
            dutch[key]: name
            for key, name in model.objects.filter(
                locale__language_code=language, translation_key__in=dutch.keys()
            ).values_list("translation_key", "name")
        }

    def relabelled(hit):
        terms = dict(hit.terms)
        for facet, labels in names.items():
            terms[facet] = [
                Term(term.value, labels.get(term.value, term.label))
                for term in hit.terms.get(facet, ())
            ]
        return dataclasses.replace(hit, terms=terms)

    return [relabelled(hit) for hit in hits]


def facet_counts(language=None, facet="theme"):
    """{value: count} of one facet over every practice in the language (an empty search)."""
    results = search(
        SearchParams(
            language=language or current_language(),
            sort="newest",
            page_size=1,
            document_types=(PRACTICE_TYPE,),
        )
    )
    return {item.value: item.count for item in results.facets.get(facet, [])}, results
