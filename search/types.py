"""The plain objects the search service takes and returns; views, feeds and the API build on these."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

SORTS = ("relevance", "newest")
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20


@dataclass(frozen=True)
class SearchParams:
    """What a visitor asked for; built from a query string by `search.params.parse_params`."""

    query: str = ""
    language: str = "nl"
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)  # facet name -> values (OR)
    sort: str = "relevance"  # "newest" when query is empty
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    # Which kinds of page to search at all (registered document type names; empty: every kind); a
    # practice listing passes its own type so its counts stay practices only. Never shown.
    document_types: tuple[str, ...] = ()
    # Read places named in the query as filters (search.query_understanding): the search page and
    # the API, unless the visitor asks for the words as typed (`literal=1`).
    interpret: bool = False


@dataclass(frozen=True)
class Term:
    value: str  # the filter value: a slug, a CBS code or a year
    label: str

    def as_json(self):
        return {"value": self.value, "label": self.label}


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int  # results you would get by adding this value (disjunctive)
    selected: bool = False


@dataclass(frozen=True)
class Hit:
    page_id: int
    title: str
    url: str
    summary: str
    snippet: str  # HTML-safe, matched words wrapped in <mark>
    date: date | None
    document_type: str  # a registered document type's name (its "type" facet value)
    terms: dict[str, list[Term]] = field(default_factory=dict)  # facet name -> the page's terms
    extras: dict = field(default_factory=dict)  # the type's hit fields (search.registry.HitField)
    promoted: bool = False  # recommended by the editors for this query (search.promotions)

    @property
    def template(self):
        """The template that shows this hit in the search page's list (the type's own)."""
        from search.registry import type_named

        kind = type_named(self.document_type)
        return kind.hit_template if kind else "search/includes/hit.html"


@dataclass(frozen=True)
class SearchResults:
    params: SearchParams
    count: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    suggestion: str | None = None
    backend: str = "database"  # which engine answered: "elasticsearch" or "database"
    degraded: bool = False  # True when the engine was unreachable and the database answered
    # facet name -> results you would get without that facet's filter (for "drop a filter" hints)
    relaxations: dict[str, int] = field(default_factory=dict)
    # How the query was read (search.query_understanding.Reading): places it names as filters.
    reading: object = None

    @property
    def num_pages(self):
        return max(1, -(-self.count // self.params.page_size))
