"""The interface every search engine implements, so the service, page and API don't care which answers.

An engine says which pages match a query plan (`match`, with `rescore` for engines whose first
score is cheap), or, when it counts facets itself, one page of results with counts and highlights
(`count`). Everything else (facets, ranking policy, loosening, hits, snippets, suggestions) is the
shared pipeline's (search.pipeline).
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Suggestion:
    """One autocomplete option: what to show, what kind it is, and where it leads (if anywhere)."""

    label: str
    kind: str  # "title" or a facet name ("theme", "municipality")
    url: str = ""
    value: str = ""  # the filter value for a facet


@dataclass
class EnginePage:
    """What an engine that counts facets gives for one level of a search (`SearchEngine.count`)."""

    level: int
    found: int  # results in all
    ids: list[int]  # this page's page ids, in order
    counts: dict = field(default_factory=dict)  # facet -> {value: count} (disjunctive)
    relaxations: dict = field(default_factory=dict)  # facet -> results without its filter
    highlights: dict = field(default_factory=dict)  # page id -> snippet HTML
    # With `vector_ids` and relevance: page id -> (lexical score, groups matched) of every page
    # given, which are then the first pages of results rather than one page of them.
    scores: dict = field(default_factory=dict)


class SearchEngine:
    """The database and the Elasticsearch engine: same plan in, rows of the same shape out."""

    name = "base"
    counts_facets = False  # True: the pipeline asks `count`, not the in-memory facet index

    def search(self, params):
        """`search.types.SearchResults` for `params` (`search.types.SearchParams`), by the shared
        pipeline. Raise `EngineUnavailable` from `match`/`count` when the engine cannot answer."""
        from search.pipeline import run_search

        return run_search(self, params)

    def match(self, plan, language, locale_id, require_all=False, complete=()):
        """Every live page of the locale (of the registered document types) matching at least one
        group of `plan` (a `search.analysis.QueryPlan`), as (page_id, score, groups_matched) rows;
        with `require_all`, only pages matching every group. Other pages may be among the rows
        (the pipeline keeps only what its facet index holds: live, public, of the locale).

        Alternatives within a group are OR, tokens within an alternative AND. The score ranks
        within a number of matched groups; weight the title part (the "title" field) above the body.

        A row may carry a fourth element, the groups it matched as a bitmask (bit i: group i):
        then the pipeline learns each group's pages from these rows instead of a match per group.

        `complete`: the rows of a `require_all` match of the same plan, which an engine may reuse
        instead of matching those pages again (the rows then hold the same pages either way).
        """
        raise NotImplementedError

    def rescore(self, plan, page_ids):
        """Final scores ({page_id: score}) of some matched pages, for an engine whose `match` gives
        only a cheap first score; None when `match`'s scores are final (the default)."""
        return None

    def count(self, plan, level, params, filters, types, page_number, vector_ids=()):
        """For an engine with `counts_facets`: the `EnginePage` of pages matching at least `level`
        groups of `plan` (every page when the plan is empty), of `types`, passing `filters`.

        `vector_ids`: pages found by meaning, which match as well; for relevance the engine then
        gives every page up to this one, with their lexical `scores`, for the pipeline to fuse."""
        raise NotImplementedError


class EngineUnavailable(Exception):
    """The engine is unreachable or too slow; the fallback engine answers from the database."""


class BeyondEngineWindow(Exception):
    """A page deeper than the engine pages (Elasticsearch's max_result_window): the database
    answers this one request. The engine is fine, so this is no outage."""
