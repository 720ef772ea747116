"""The search service: views, listings and the API call this; it picks the engine and falls back to
the database when Elasticsearch is unreachable."""

import logging

from django.conf import settings
from django.utils.module_loading import import_string

from search.engines.base import EngineUnavailable
from search.engines.database import DatabaseEngine

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


def search_practices(params, engine=None):
    """Search live, public pages of `params.language`; returns `search.types.SearchResults`."""
    engine = engine or get_engine()
    try:
        return engine.search(params)
    except EngineUnavailable as error:
        if isinstance(engine, DatabaseEngine):
            raise
        logger.warning(
            "Search engine %s unavailable, answering from the database: %s", engine.name, error
        )
        results = DatabaseEngine().search(params)
        return _degraded(results)


def _degraded(results):
    import dataclasses

    return dataclasses.replace(results, degraded=True)


def autocomplete(prefix, language="nl", limit=8, engine=None):
    """Suggestions (titles, themes, municipalities) for what has been typed so far."""
    engine = engine or get_engine()
    try:
        return engine.autocomplete(prefix, language, limit)
    except EngineUnavailable:
        return DatabaseEngine().autocomplete(prefix, language, limit)
