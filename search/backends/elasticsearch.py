"""Wagtail's Elasticsearch 9 backend indexing search.analysis's tokens as they are, with a short
timeout and atomic rebuilds.

Registered as the "elasticsearch" search backend when ELASTICSEARCH_URL is set (see settings/base.py).
"""

import logging
from copy import copy, deepcopy

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from elasticsearch import NotFoundError, helpers
from modelsearch.backends import get_search_backend
from modelsearch.backends.base import get_model_root
from modelsearch.backends.elasticsearch9 import (
    Elasticsearch9AutocompleteQueryCompiler,
    Elasticsearch9Index,
    Elasticsearch9Mapping,
    Elasticsearch9SearchBackend,
    Elasticsearch9SearchQueryCompiler,
)
from modelsearch.utils import deep_update

from search import registry
from search.documents import snippet_passages
from search.filter_fields import facet_column, facet_values

logger = logging.getLogger(__name__)

ENGINE_ALIAS = "elasticsearch"
MAX_TIMEOUT = 1.0  # seconds; searches must fall back to the database quickly
ADMIN_TIMEOUT = 30.0  # creating indexes and bulk loading during update_index may take longer

# search.analysis is the one analyser of the site: the fields below hold its tokens (stemmed,
# compounds split, accents folded), so the engine only splits them on spaces, on both the index
# and the query side. A stemmer here would stem them a second time (plaats → plat, mens → men).
TOKENS_ANALYZER = "kb_tokens"
# The raw passages a result's highlight is cut from: lowercased and accents folded, never stemmed,
# so the engine marks a word exactly as typed or as search.analysis spells it.
RAW_ANALYZER = "kb_raw"
ANALYSED_FIELDS = ("title", "search_body_text")


def analysis_settings():
    """The `analysis` block of the index settings. `default`/`default_search` are the tokens
    analyser too, so that fields Wagtail adds (`_all_text`, which copies the analysed fields) never
    stem either."""
    tokens = {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]}
    raw = {"type": "custom", "tokenizer": "standard", "filter": ["lowercase", "asciifolding"]}
    return {
        "analyzer": {
            TOKENS_ANALYZER: tokens,
            RAW_ANALYZER: raw,
            "default": tokens,
            "default_search": tokens,
        }
    }


SNIPPET_FIELD = "snippet_text"  # the raw passages of a document, only for highlighting


def _mixin_field(field):
    """True for a field whose method a mixin declares, even when a page type overrides it (as
    PublicationPage does search_body_text): it stays the one shared column."""
    from search.documents import SearchDocumentMixin
    from search.filter_fields import EngineFilterMixin

    return any(
        field.field_name in vars(mixin) for mixin in (SearchDocumentMixin, EngineFilterMixin)
    )


class KennisbankMapping(Elasticsearch9Mapping):
    def get_field_column_name(self, field):
        """As Wagtail's, but a field whose method comes from a plain mixin (SearchDocumentMixin,
        EngineFilterMixin) is named without a model prefix: one column for every page type using the
        mixin. Wagtail would look for `_meta` on the mixin and fail."""
        definition = field.get_definition_model(self.model)
        if definition is None or (hasattr(definition, "_meta") and not _mixin_field(field)):
            return super().get_field_column_name(field)
        owned = copy(field)  # the same kind of field, seen as defined on the root model
        root = get_model_root(self.model)
        owned.get_definition_model = lambda cls: root
        return super().get_field_column_name(owned)

    def _is_document(self):
        return self.model in registry.models()

    def get_mapping(self):
        mapping = super().get_mapping()
        properties = mapping["properties"]
        for name in ANALYSED_FIELDS:
            # Named on the field as well as by `default`: every page type of the index maps these
            # fields alike (a field's analyser cannot change), and an engine that ignores the
            # index's `default` analyser still indexes the tokens unchanged.
            if properties.get(name, {}).get("type") == "text":
                properties[name].update(analyzer=TOKENS_ANALYZER, search_analyzer=TOKENS_ANALYZER)
        if self._is_document():
            # Raw text, so the engine can highlight the words of a query in it.
            properties[SNIPPET_FIELD] = {
                "type": "text",
                "index_options": "offsets",
                "analyzer": RAW_ANALYZER,
                "search_analyzer": RAW_ANALYZER,
            }
            for name in registry.facet_names():
                properties[facet_column(name)] = {"type": "keyword"}
        return mapping

    def get_document(self, obj):
        document = super().get_document(obj)
        if self._is_document():
            document[SNIPPET_FIELD] = snippet_passages(obj)
            values = facet_values(obj)
            for name in registry.facet_names():
                document[facet_column(name)] = values.get(name, [])
        return document


class KennisbankSearchQueryCompiler(Elasticsearch9SearchQueryCompiler):
    mapping_class = KennisbankMapping


class KennisbankAutocompleteQueryCompiler(Elasticsearch9AutocompleteQueryCompiler):
    mapping_class = KennisbankMapping


class KennisbankIndex(Elasticsearch9Index):
    """Index management (during update_index) gets a longer timeout than searches and updates."""

    @property
    def admin(self):
        return self.es.options(request_timeout=ADMIN_TIMEOUT)

    def add_model(self, model):
        mapping = self.mapping_class(model)
        self.admin.indices.put_mapping(index=self.name, **mapping.get_mapping())

    def delete(self):
        try:
            self.admin.indices.delete(index=self.name)
        except NotFoundError:
            pass

    def put(self):
        body = deep_update(
            deepcopy(self.backend.settings),
            {"settings": {"analysis": self.backend.get_analysis_settings()}},
        )
        self.admin.indices.create(index=self.name, **body)

    def refresh(self):
        self.admin.indices.refresh(index=self.name)

    def put_alias(self, name):
        self.admin.indices.put_alias(name=name, index=self.name)


class KennisbankSearchBackend(Elasticsearch9SearchBackend):
    """Settings: TIMEOUT (≤ 1 s), ATOMIC_REBUILD (default on)."""

    index_class = KennisbankIndex
    mapping_class = KennisbankMapping
    query_compiler_class = KennisbankSearchQueryCompiler
    autocomplete_query_compiler_class = KennisbankAutocompleteQueryCompiler

    def __init__(self, params):
        params = dict(params)
        timeout = float(
            params.get("TIMEOUT", getattr(settings, "SEARCH_ENGINE_TIMEOUT", MAX_TIMEOUT))
        )
        # A benchmark measuring the engine itself (not the fallback) may lift the cap.
        cap = float(params.pop("TIMEOUT_CAP", MAX_TIMEOUT))
        params["TIMEOUT"] = min(timeout, cap)
        options = dict(params.get("OPTIONS", {}))
        # One attempt only: a slow or dead cluster must cost one timeout, not four.
        options.setdefault("max_retries", 0)
        options.setdefault("retry_on_timeout", False)
        params["OPTIONS"] = options
        super().__init__(params)

    def get_analysis_settings(self):
        # Wagtail's autocomplete analysers stay as they are (its `_edgengrams` fields, raw titles).
        return deep_update(deepcopy(self.settings["settings"]["analysis"]), analysis_settings())

    def bulk(self, es, actions, **kwargs):
        return helpers.bulk(es.options(request_timeout=ADMIN_TIMEOUT), actions, **kwargs)

    def get_page_index_name(self):
        """The alias searches and updates go to (update_index points it at a fresh index)."""
        from wagtail.models import Page

        return self.get_index_for_model(Page).name


SearchBackend = KennisbankSearchBackend


_backend_cache = {}


def engine_configured():
    return ENGINE_ALIAS in getattr(settings, "WAGTAILSEARCH_BACKENDS", {})


def get_engine_backend():
    """The configured Elasticsearch backend (one client per process), or None without ELASTICSEARCH_URL."""
    if not engine_configured():
        return None
    if ENGINE_ALIAS not in _backend_cache:
        _backend_cache[ENGINE_ALIAS] = get_search_backend(ENGINE_ALIAS)
    return _backend_cache[ENGINE_ALIAS]


@receiver(setting_changed)
def _forget_backend(setting, **kwargs):
    if setting in {"WAGTAILSEARCH_BACKENDS", "ELASTICSEARCH_URL", "SEARCH_ENGINE_TIMEOUT"}:
        _backend_cache.clear()
