"""The search service: the search page, the API, listings and feeds call `search`; it picks the engine
(Elasticsearch behind the fallback engine when ELASTICSEARCH_URL is set, else the database)."""

import dataclasses
import logging

from django.conf import settings
from django.utils.module_loading import import_string
from wagtail.models import Locale, Page

from changes.version import current_version
from search import registry
from search.analysis import tokenize
from search.engines.base import Suggestion
from search.engines.database import DatabaseEngine
from search.pipeline import locale_id_for, query_plan, ranked_ids
from search.promotions import with_promotions
from search.query_understanding import search_as_meant

logger = logging.getLogger(__name__)

# Elasticsearch behind a circuit breaker, with the database engine as fallback (search.engines.fallback).
ELASTICSEARCH_ENGINE = "search.engines.fallback.elasticsearch_with_fallback"


def get_engine():
    """Elasticsearch when ELASTICSEARCH_URL is set (and its engine exists), else the database."""
    if getattr(settings, "ELASTICSEARCH_URL", ""):
        try:
            return import_string(ELASTICSEARCH_ENGINE)()
        except ImportError:
            logger.warning("ELASTICSEARCH_URL is set but no Elasticsearch engine is available")
    return DatabaseEngine()


def search(params, engine=None):
    """Search live, public pages of `params.language`; returns `search.types.SearchResults`, with
    the editors' recommended pages for the query first."""
    engine = engine or get_engine()
    if not params.interpret:
        return with_promotions(engine.search(params), params)
    results = search_as_meant(engine.search, params)
    # Recommended for what was typed, within the filters the query was read as.
    return with_promotions(results, dataclasses.replace(results.params, query=params.query))


def rank(query, language, among):
    """The page ids among `among` that match `query`, best first, by the site search's engine and
    rules, with the query plan (for highlighting); for a listing that filters by itself."""
    version = current_version()
    plan = query_plan(query, language, version)
    locale_id = locale_id_for(language, version)
    if plan.is_empty or not among or locale_id is None:
        return [], plan
    return ranked_ids(get_engine(), plan, language, locale_id, among), plan


def autocomplete(prefix, language="nl", limit=8):
    """Suggestions for what has been typed so far: terms of the facets that suggest (themes,
    municipalities), then titles. From the database, which is always up to date and fast here."""
    words = tokenize(prefix)
    if not words:
        return []
    folded = " ".join(words)

    def starts(name):
        name_words = tokenize(name)
        return any(" ".join(name_words[i:]).startswith(folded) for i in range(len(name_words)))

    suggestions = []
    for facet in registry.facets():
        if facet.suggest is not None:
            suggestions += [
                Suggestion(label, facet.name, value=value)
                for label, value in facet.suggest(starts, language)
            ]
    remaining = max(limit - min(len(suggestions), limit // 2), 0)
    suggestions = suggestions[: limit - remaining]
    if remaining:
        pages = (
            Page.objects.live()
            .public()
            .filter(locale=Locale.objects.filter(language_code=language).first())
            .type(*registry.models())
            .autocomplete(folded, operator="and")[:remaining]
        )
        suggestions += [Suggestion(page.title, "title", url=page.get_url()) for page in pages]
    return suggestions[:limit]
