"""Elasticsearch first, the database when it cannot answer: a circuit breaker and a fallback engine.

After a failure the breaker stays open for SEARCH_ENGINE_RETRY_AFTER seconds: searches go straight
to the database (marked degraded) and index updates are queued, so a dead cluster costs one timeout,
not one per request. The outage is logged once per interval, not per request.
"""

import dataclasses
import logging
import threading
import time

from django.conf import settings
from elasticsearch import ApiError, TransportError

from search.engines.base import BeyondEngineWindow, EngineUnavailable, SearchEngine

logger = logging.getLogger("search.engine")

DEFAULT_RETRY_AFTER = 30.0  # seconds the breaker stays open
LOG_INTERVAL = 60.0  # seconds between two log lines about the same outage


class CircuitBreaker:
    """Whether to try the engine now; shared by searches and index updates in this process."""

    def __init__(self, retry_after=None, log_interval=LOG_INTERVAL):
        self._retry_after = retry_after
        self.log_interval = log_interval
        self._lock = threading.Lock()
        self.reset()

    @property
    def retry_after(self):
        if self._retry_after is not None:
            return self._retry_after
        return float(getattr(settings, "SEARCH_ENGINE_RETRY_AFTER", DEFAULT_RETRY_AFTER))

    def reset(self):
        with self._lock:
            self.open_until = 0.0
            self.failures = 0
            self._last_logged = None

    @property
    def is_open(self):
        return time.monotonic() < self.open_until

    def allows_request(self):
        return not self.is_open

    def record_success(self):
        with self._lock:
            recovered = self.failures > 0
            self.failures = 0
            self.open_until = 0.0
            self._last_logged = None
        if recovered:
            logger.warning("Search engine is answering again; searches use Elasticsearch.")

    def record_failure(self, error, during="search"):
        now = time.monotonic()
        with self._lock:
            self.failures += 1
            self.open_until = now + self.retry_after
            should_log = self._last_logged is None or now - self._last_logged >= self.log_interval
            if should_log:
                self._last_logged = now
        if should_log:
            # An outage needs no traceback; anything else is a bug worth one.
            expected = isinstance(error, (EngineUnavailable, TransportError, ApiError))
            logger.warning(
                "Search engine unavailable during %s (%s: %s); the database answers searches "
                "and index updates are queued for %.0f s before the engine is tried again.",
                during,
                type(error).__name__,
                error,
                self.retry_after,
                exc_info=None if expected else error,
            )


engine_breaker = CircuitBreaker()


class FallbackEngine(SearchEngine):
    """Asks `primary` (Elasticsearch); when it fails or the breaker is open, asks `fallback` (the
    database) and marks the results degraded. The one place search falls back to the database."""

    def __init__(self, primary, fallback, breaker=engine_breaker):
        self.primary = primary
        self.fallback = fallback
        self.breaker = breaker
        self.name = primary.name

    def _call(self, method, *args):
        """(answer, degraded): the primary's answer, or the fallback's when the primary can't give one."""
        if self.breaker.allows_request():
            try:
                answer = getattr(self.primary, method)(*args)
            except BeyondEngineWindow:
                return getattr(self.fallback, method)(*args), False
            except (
                Exception
            ) as error:  # any engine failure must end in a database answer, never a 5xx
                self.breaker.record_failure(error, during=method)
            else:
                self.breaker.record_success()
                return answer, False
        return getattr(self.fallback, method)(*args), True

    def search(self, params):
        results, degraded = self._call("search", params)
        if degraded:
            results = dataclasses.replace(results, backend=self.fallback.name, degraded=True)
        return results

    def match(self, plan, language, locale_id=None, require_all=False, complete=()):
        matches, _degraded = self._call("match", plan, language, locale_id, require_all, complete)
        return matches

    def rescore(self, plan, page_ids):
        scores, _degraded = self._call("rescore", plan, page_ids)
        return scores


def elasticsearch_with_fallback():
    """The engine the search service uses when ELASTICSEARCH_URL is set."""
    from search.engines.database import DatabaseEngine
    from search.engines.elasticsearch import ElasticsearchEngine

    try:
        primary = ElasticsearchEngine()
    except EngineUnavailable:  # ELASTICSEARCH_URL set, but no "elasticsearch" search backend
        logger.warning("ELASTICSEARCH_URL is set without an elasticsearch search backend")
        return DatabaseEngine()
    return FallbackEngine(primary, DatabaseEngine())
