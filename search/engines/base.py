"""The interface every search engine implements, so the service, page and API don't care which answers."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Suggestion:
    """One autocomplete option: what to show, what kind it is, and where it leads (if anywhere)."""

    label: str
    kind: str  # "title", "theme", "municipality"
    url: str = ""
    value: str = ""  # the filter value for a theme or municipality


class SearchEngine:
    """Both the database and the Elasticsearch engine: same params in, same SearchResults out."""

    name = "base"

    def search(self, params):
        """`search.types.SearchResults` for `params` (`search.types.SearchParams`).

        Shared by every engine (search.pipeline): the engine only implements `match`. Raise
        `EngineUnavailable` from `match` when the engine cannot answer; the service falls back.
        """
        from search.pipeline import run_search

        return run_search(self, params)

    def match(self, plan, language, locale_id, require_all=False):
        """Every live page of the locale (of the registered document types) matching at least one
        group of `plan` (a `search.analysis.QueryPlan`), as (page_id, score, groups_matched) rows;
        with `require_all`, only pages matching every group. Other pages may be among the rows
        (the pipeline keeps only what its facet index holds: live, public, of the locale).

        Alternatives within a group are OR, tokens within an alternative AND. The score ranks
        within a number of matched groups; weight the title part (the "title" field) above the body.
        """
        raise NotImplementedError

    def rescore(self, plan, page_ids):
        """Final scores ({page_id: score}) of some matched pages, for an engine whose `match` gives
        only a cheap first score; None when `match`'s scores are final (the default)."""
        return None

    def autocomplete(self, prefix, language, limit=8):
        raise NotImplementedError


class EngineUnavailable(Exception):
    """The engine is unreachable or too slow; the service falls back to the database."""
