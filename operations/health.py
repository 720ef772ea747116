"""What the load balancer asks: is the database reachable, and is the search engine answering?"""

import logging
import time

from django.conf import settings
from django.db import DatabaseError, connection

logger = logging.getLogger(__name__)

_search_cache = {"checked_at": 0.0, "status": None}
SEARCH_STATUS_TTL = 5.0  # seconds; probes every few seconds must not hammer the engine


def database_status():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("Readiness: database unavailable: %s", error)
        return "unavailable"
    return "ok"


def search_status():
    """ "ok", "degraded" (engine configured but not answering: search falls back to the database)
    or "not configured" (the database backend is the engine)."""
    config = settings.WAGTAILSEARCH_BACKENDS.get("elasticsearch")
    if not config:
        return "not configured"
    now = time.monotonic()
    if _search_cache["status"] and now - _search_cache["checked_at"] < SEARCH_STATUS_TTL:
        return _search_cache["status"]
    status = "ok" if _engine_answers(config) else "degraded"
    _search_cache.update(checked_at=now, status=status)
    return status


def _engine_answers(config):
    from elasticsearch import Elasticsearch

    timeout = min(float(config.get("TIMEOUT", 1.0)), 2.0)
    try:
        client = Elasticsearch(config["URLS"], request_timeout=timeout, max_retries=0)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except Exception as error:  # any transport failure means "not answering"
        logger.warning("Readiness: search engine not answering: %s", error)
        return False
