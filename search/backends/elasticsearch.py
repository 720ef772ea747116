"""Wagtail's Elasticsearch 9 backend with the Dutch analysis chain, a short timeout and atomic rebuilds.

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

from search.analysis import BASE_WORDS

logger = logging.getLogger(__name__)

ENGINE_ALIAS = "elasticsearch"
ANALYSIS_PROFILES = ("dutch", "basic")
MAX_TIMEOUT = 1.0  # seconds; searches must fall back to the database quickly
ADMIN_TIMEOUT = 30.0  # creating indexes and bulk loading during update_index may take longer

# Word parts the dictionary decompounder splits compounds into (keukentafelgesprek → keuken, tafel,
# gesprek): the query analyser's own list; parts under four letters make too many false splits.
COMPOUND_PARTS = tuple(sorted(word for word in BASE_WORDS if len(word) >= 4 and word.isascii()))


def synonym_rules():
    """The editors' synonyms as Solr rules ("wmo, wet maatschappelijke ondersteuning"), read now.

    Read when an index is created, so a change reaches the engine's own analyser at the next
    `update_index`; the query plan applies synonyms at once, on every engine.
    """
    from search.models import Synonym

    rules = []
    for synonym in Synonym.objects.all():
        expressions = [expression.lower() for expression in synonym.expressions]
        if len(expressions) > 1:
            rules.append(", ".join(expressions))
    return rules


def dutch_filters(*, synonyms=(), compound_parts=COMPOUND_PARTS, for_search=False):
    """The Dutch token filter chain, as inline definitions (usable in index settings and `_analyze`)."""
    chain = ["lowercase", "asciifolding"]
    if for_search and synonyms:
        # Before stop words and stemming, so multi-word rules match the words people type.
        chain.append({"type": "synonym_graph", "synonyms": list(synonyms), "lenient": True})
    chain.append({"type": "stop", "stopwords": "_dutch_"})
    if compound_parts:
        chain.append(
            {
                "type": "dictionary_decompounder",
                "word_list": list(compound_parts),
                "min_subword_size": 4,
                "only_longest_match": False,
            }
        )
    chain.append({"type": "snowball", "language": "Dutch"})
    # A compound part may equal the stemmed word itself (inkopers → inkoper); keep it once.
    chain.append({"type": "unique", "only_on_same_position": True})
    return chain


def basic_filters():
    """Lowercase and fold accents only: what the test engine honours (documents arrive pre-analysed)."""
    return ["lowercase", "asciifolding"]


def analysis_settings(profile, *, synonyms=(), compound_parts=COMPOUND_PARTS):
    """The `analysis` block of the index settings: `default` for indexing, `default_search` for queries."""
    if profile not in ANALYSIS_PROFILES:
        raise ValueError(
            f"Unknown SEARCH_ENGINE_ANALYSIS {profile!r}; use one of {ANALYSIS_PROFILES}"
        )
    if profile == "basic":
        chains = {"default": basic_filters(), "default_search": basic_filters()}
    else:
        chains = {
            "default": dutch_filters(compound_parts=compound_parts),
            "default_search": dutch_filters(
                synonyms=synonyms, compound_parts=compound_parts, for_search=True
            ),
        }
    # Index settings want named filters; name each inline definition after its analyser and type.
    filters, analyzers = {}, {}
    for analyzer_name, chain in chains.items():
        names = []
        for item in chain:
            if isinstance(item, str):
                names.append(item)
                continue
            name = f"kb_{analyzer_name}_{item['type']}"
            filters[name] = item
            names.append(name)
        analyzers[analyzer_name] = {"type": "custom", "tokenizer": "standard", "filter": names}
    analysis = {"analyzer": analyzers}
    if filters:  # an empty mapping would wipe Wagtail's own filters in deep_update
        analysis["filter"] = filters
    return analysis


SNIPPET_FIELD = "snippet_text"  # the raw passages of a document, only for highlighting


def _mixin_field(field):
    """True for a field whose method a mixin declares, even when a page type overrides it (as
    PublicationPage does search_body_text and filter_year): it stays the one shared column."""
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

    def _has_snippets(self):
        from search.documents import registered_models

        return self.model in registered_models()

    def get_mapping(self):
        mapping = super().get_mapping()
        if self._has_snippets():
            # Raw text, so the engine can highlight the words of a query in it.
            mapping["properties"][SNIPPET_FIELD] = {"type": "text", "index_options": "offsets"}
        return mapping

    def get_document(self, obj):
        document = super().get_document(obj)
        if self._has_snippets():
            from search.documents import snippet_passages

            document[SNIPPET_FIELD] = snippet_passages(obj)
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
    """Settings: ANALYSIS ("dutch" | "basic"), TIMEOUT (≤ 1 s), ATOMIC_REBUILD (default on)."""

    index_class = KennisbankIndex
    mapping_class = KennisbankMapping
    query_compiler_class = KennisbankSearchQueryCompiler
    autocomplete_query_compiler_class = KennisbankAutocompleteQueryCompiler

    def __init__(self, params):
        params = dict(params)
        self.analysis = params.pop("ANALYSIS", getattr(settings, "SEARCH_ENGINE_ANALYSIS", "dutch"))
        if self.analysis not in ANALYSIS_PROFILES:
            raise ValueError(f"Unknown search analysis profile {self.analysis!r}")
        timeout = float(
            params.get("TIMEOUT", getattr(settings, "SEARCH_ENGINE_TIMEOUT", MAX_TIMEOUT))
        )
        params["TIMEOUT"] = min(timeout, MAX_TIMEOUT)
        options = dict(params.get("OPTIONS", {}))
        # One attempt only: a slow or dead cluster must cost one timeout, not four.
        options.setdefault("max_retries", 0)
        options.setdefault("retry_on_timeout", False)
        params["OPTIONS"] = options
        super().__init__(params)

    def get_analysis_settings(self):
        synonyms = synonym_rules() if self.analysis == "dutch" else ()
        analysis = analysis_settings(self.analysis, synonyms=synonyms)
        # Wagtail's autocomplete analysers stay as they are.
        return deep_update(deepcopy(self.settings["settings"]["analysis"]), analysis)

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
