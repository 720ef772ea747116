"""The Elasticsearch engine: the query plan, filters, disjunctive facets, highlighting, sort and
pagination in one request to the engine, with the official client (Wagtail's `.search()` returns at
most 10 facet buckets and no highlights: wagtail issues 5668 and 5340)."""

from collections import Counter

from django.utils.safestring import mark_safe
from elasticsearch import ApiError, TransportError

from search import registry
from search.backends.elasticsearch import SNIPPET_FIELD, get_engine_backend
from search.engines.base import BeyondEngineWindow, EnginePage, EngineUnavailable, SearchEngine
from search.filter_fields import DATE_FIELD, LANGUAGE_FIELD, PUBLIC_FIELD, facet_column

TITLE_FIELD = "title"  # raw title plus the analysed title part (search.documents)
BODY_FIELD = "search_body_text"  # the analysed document, all of it
TITLE_WEIGHT = 4.0
GROUP_WEIGHT = 1000.0  # one more matched query word outranks any difference in text relevance
MAX_FACET_VALUES = 10_000  # every value of a facet, however many municipalities there are
MAX_MATCHES = 10_000
MAX_RESULT_WINDOW = 10_000  # Elasticsearch's default index.max_result_window
SNIPPET_CHARS = 240


def _column(name):
    return f"{name}_filter"


def alternative_query(tokens):
    """All tokens of one alternative must occur; a match in the title part scores higher."""
    text = " ".join(tokens)
    return {
        "bool": {
            "must": {"match": {BODY_FIELD: {"query": text, "operator": "and"}}},
            "should": {
                "match": {TITLE_FIELD: {"query": text, "operator": "and", "boost": TITLE_WEIGHT}}
            },
        }
    }


def plan_query(plan, level):
    """At least `level` of the plan's groups (query words) must match; each group is a set of
    alternatives (stems, compounds, synonyms, typo corrections) of which one is enough.

    As on the database engine, results matching more groups rank first: each matched group adds a
    constant far above what text relevance can add, which then orders pages within a group count.
    """
    groups, matches = [], []
    for position, group in enumerate(plan.groups):
        if group.phrase:  # the words in this order in the raw passages (search/phrases.py)
            text = " ".join(group.phrase)
            should = [
                {"match_phrase": {SNIPPET_FIELD: text}},
                {"match_phrase": {TITLE_FIELD: {"query": text, "boost": TITLE_WEIGHT}}},
            ]
        else:
            should = [alternative_query(tokens) for tokens in group.alternatives]
        alternatives = {"bool": {"should": should, "minimum_should_match": 1}}
        matches.append(alternatives)
        groups.append(
            {
                "bool": {
                    "should": [
                        {"constant_score": {"filter": alternatives, "boost": GROUP_WEIGHT}},
                        alternatives,
                    ],
                    "minimum_should_match": 1,
                    "_name": f"group{position}",
                }
            }
        )
    # A quoted phrase is asked for as typed: every page must hold it (search/phrases.py).
    required = [matches[p] for p, group in enumerate(plan.groups) if group.phrase]
    if plan.deciding is not None and level < len(groups):
        if not plan.deciding:  # every word is common: a page must hold every one
            level = len(groups)
        else:  # a page must hold one of the rarer words (search.common_words), unscored
            deciding = [matches[position] for position in plan.deciding]
            required.append({"bool": {"should": deciding, "minimum_should_match": 1}})
    query = {"bool": {"should": groups, "minimum_should_match": level}}
    if required:
        query["bool"]["filter"] = required
    return query


VECTOR_NAME = "semantic"
# Pages found by meaning score above any lexical match, so that every one of them is in the window
# the pipeline fuses (search.pipeline.hybrid_engine_page); their lexical score is recovered below.
VECTOR_BOOST = GROUP_WEIGHT * 100
VECTOR_WINDOW = 20  # search.semantic.hybrid.MAX_JOINING


def vector_query(plan, level, vector_ids):
    """The plan at `level`, or one of the pages found by meaning (search.semantic)."""
    by_meaning = {
        "constant_score": {
            "filter": {"ids": {"values": [str(pk) for pk in vector_ids]}},
            "boost": VECTOR_BOOST,
            "_name": VECTOR_NAME,
        }
    }
    return {"bool": {"should": [plan_query(plan, level), by_meaning], "minimum_should_match": 1}}


def lexical_score(hit, vector_ids):
    """(lexical score, groups matched) of a hit of `vector_query`."""
    names = hit.get("matched_queries", [])
    score = hit.get("_score") or 0.0
    if VECTOR_NAME in names:
        score -= VECTOR_BOOST
    return max(score, 0.0), len([name for name in names if name != VECTOR_NAME])


def visibility_filters(language, content_types):
    """Only live, public pages of the requested language and of the searchable page types."""
    return [
        {"terms": {"_django_content_type": content_types}},
        {"term": {"live_filter": True}},
        {"term": {_column(PUBLIC_FIELD): True}},
        {"term": {_column(LANGUAGE_FIELD): language}},
    ]


def facet_filters(filters):
    """facet name -> the engine filter for its selected values (OR within a facet)."""
    return {
        name: {"terms": {facet_column(name): list(values)}}
        for name, values in filters.items()
        if values and name in registry.facet_names()
    }


def facet_aggregations(selected):
    """Disjunctive facets: each facet is counted under every other facet's filter, not its own."""
    aggregations = {}
    for name in registry.facet_names():
        others = [query for other, query in selected.items() if other != name]
        aggregations[name] = {
            "filter": {"bool": {"filter": others}} if others else {"match_all": {}},
            "aggs": {"values": {"terms": {"field": facet_column(name), "size": MAX_FACET_VALUES}}},
        }
    return aggregations


def sort_clause(params, has_query):
    newest = [
        {_column(DATE_FIELD): {"order": "desc", "missing": "_last"}},
        {"id_filter": {"order": "desc"}},
    ]
    if params.sort == "relevance" and has_query:
        return ["_score", *newest]
    return newest


def highlight_clause(params, plan):
    words = list(dict.fromkeys([*params.query.split(), *sorted(plan.tokens)]))
    return {
        "encoder": "html",
        "pre_tags": ["<mark>"],
        "post_tags": ["</mark>"],
        "fields": {
            SNIPPET_FIELD: {
                "fragment_size": SNIPPET_CHARS,
                "number_of_fragments": 1,
                "no_match_size": 0,
            }
        },
        "highlight_query": {"match": {SNIPPET_FIELD: " ".join(words)}},
    }


class ElasticsearchEngine(SearchEngine):
    name = "elasticsearch"
    counts_facets = True

    def __init__(self, backend=None):
        self.backend = backend or get_engine_backend()
        if self.backend is None:
            raise EngineUnavailable("ELASTICSEARCH_URL is not set")

    @property
    def index_name(self):
        return self.backend.get_page_index_name()

    def _search(self, **body):
        try:
            return self.backend.es.search(index=self.index_name, **body).body
        except (TransportError, ApiError) as error:
            raise EngineUnavailable(f"{type(error).__name__}: {error}") from error

    def _content_types(self):
        return [f"{model._meta.app_label}.{model.__name__}" for model in registry.models()]

    def match(self, plan, language, locale_id=None, require_all=False, complete=()):
        """(page_id, score, groups matched) of every page matching a group of the plan (all groups
        with `require_all`); one request either way, so `complete` is not reused."""
        if plan.is_empty:
            return []
        body = self._search(
            query={
                "bool": {
                    "must": plan_query(plan, len(plan.groups) if require_all else 1),
                    "filter": visibility_filters(language, self._content_types()),
                }
            },
            size=MAX_MATCHES,
            _source=False,
            track_total_hits=False,
        )
        return [
            (int(hit["_id"]), hit["_score"] or 0.0, len(hit.get("matched_queries", [])))
            for hit in body["hits"]["hits"]
        ]

    def count(self, plan, level, params, filters, types, page_number, vector_ids=()):
        """One page of the pages matching `level` groups of the plan, with the total, the facet
        counts (disjunctive) and the highlighted fragments, in one request."""
        if page_number * params.page_size + len(vector_ids) > MAX_RESULT_WINDOW:
            raise BeyondEngineWindow(f"page {page_number} of {params.page_size}")
        base = visibility_filters(params.language, self._content_types())
        if set(types) != {document_type.name for document_type in registry.document_types()}:
            base.append({"terms": {facet_column(registry.TYPE_FACET): sorted(types)}})
        selected = facet_filters(filters)
        if plan.is_empty:
            query = {"bool": {"filter": base}}
        elif vector_ids:
            query = {"bool": {"must": vector_query(plan, level, vector_ids), "filter": base}}
        else:
            query = {"bool": {"must": plan_query(plan, level), "filter": base}}
        fused = bool(vector_ids) and params.sort == "relevance" and not plan.is_empty
        body = self._page(params, plan, query, selected, page_number, window=fused)
        counts, relaxations = self._facet_counts(body, selected)
        hits = body["hits"]["hits"]
        return EnginePage(
            level=level,
            found=body["hits"]["total"]["value"],
            ids=[int(hit["_id"]) for hit in hits],
            counts=counts,
            relaxations=relaxations,
            scores={int(hit["_id"]): lexical_score(hit, vector_ids) for hit in hits}
            if fused
            else {},
            # Escaped by the engine (encoder "html"); only our <mark> tags are markup.
            highlights={
                int(hit["_id"]): mark_safe(hit["highlight"][SNIPPET_FIELD][0])  # noqa: S308
                for hit in body["hits"]["hits"]
                if hit.get("highlight", {}).get(SNIPPET_FIELD)
            },
        )

    def _page(self, params, plan, query, selected, page_number, window=False):
        first = (page_number - 1) * params.page_size
        request = {
            "query": query,
            "aggs": facet_aggregations(selected),
            "sort": sort_clause(params, not plan.is_empty),
            # A window: every page up to this one, for the pipeline to fuse and cut.
            "from_": 0 if window else first,
            "size": first + params.page_size + VECTOR_WINDOW if window else params.page_size,
            "_source": False,
            "track_total_hits": True,
        }
        if selected:
            request["post_filter"] = {"bool": {"filter": list(selected.values())}}
        if not plan.is_empty:
            request["highlight"] = highlight_clause(params, plan)
        return self._search(**request)

    def _facet_counts(self, body, selected):
        aggregations = body.get("aggregations", {})
        counts = {name: Counter() for name in registry.facet_names()}
        relaxations = {}
        for name in registry.facet_names():
            aggregation = aggregations.get(name, {})
            for bucket in aggregation.get("values", {}).get("buckets", []):
                counts[name][str(bucket["key"])] = bucket["doc_count"]
            if name in selected:
                # Results without this facet's filter: what dropping it would give.
                relaxations[name] = aggregation.get("doc_count", 0)
        return counts, relaxations
