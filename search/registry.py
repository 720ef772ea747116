"""What search finds, as registered by the content apps: document types, the facets they fill, and
what their hits carry. `search/` iterates this registry and knows no content app.

A content app registers from its `AppConfig.ready` (see practices/search.py):

    register_facet(Facet("theme", _("Thema"), terms=theme_terms, ...))
    register_type(DocumentType("praktijkvoorbeeld", _("Praktijkvoorbeeld"), models=(PracticePage,),
                               document=build_document, facts=load_facts, facet_values=values, ...))

Two facets are search's own: `type` (the document type's name) and `year` (of the document's date).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _

TYPE_FACET = "type"
YEAR_FACET = "year"


@dataclass(frozen=True)
class Facet:
    """A filter visitors can combine (OR within a facet, AND across facets), with counts.

    `terms(locale_id)` gives {value: search.types.Term} for every value of the facet in a locale, in
    one query (cached by search.terms until the content changes). The name is the URL parameter,
    the key in the API's `facets` and the facet's name in the engine's index.
    """

    name: str
    label: str
    terms: Callable[[int], dict] | None = None
    # The API name of the terms in a result ("themes"); "" when results don't show this facet.
    hit_field: str = ""
    single: bool = False  # a result shows the first term only (an object, not a list, in the API)
    term_schema: dict | None = None  # OpenAPI schema of a term, when it has more than value/label
    description: str = ""  # for the OpenAPI document
    example: str = ""
    collapsed: bool = False  # a long list: shown closed unless one of its values is chosen
    newest_first: bool = False  # values sorted descending (years) instead of by label
    normalise: Callable[[str], str] | None = None  # a URL value as the index holds it
    # Autocomplete: (label, value) of the facet's terms whose name starts as typed; `starts(name)`
    # says whether a name matches the typed words.
    suggest: Callable[[Callable[[str], bool], str], list] | None = None
    cache_terms: bool = True  # False for labels in the active language (gettext), not the data
    ordered: bool = False  # values in the order `terms` gives them (size classes), not by label
    # A result shows only the values of this facet the visitor chose (a mark: "lijkt op Utrecht").
    hit_selected_only: bool = False
    # Checks a URL value: None when it is fine, else a message for the visitor (a code that names
    # nothing); without it an unknown value simply matches nothing.
    validate: Callable[[str], str | None] | None = None
    # With `validate`: every value it accepts, for the OpenAPI document's enum (so API clients and
    # Schemathesis know which values are valid instead of meeting a 400).
    valid_values: Callable[[], list[str]] | None = None


@dataclass(frozen=True)
class Facts:
    """What search counts and sorts a page by: its date and its values per facet (in order)."""

    page_id: int
    date: date | None
    values: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class HitField:
    """Something a type's hits carry beyond title, snippet, date and terms (a publication's
    places in its files), under `name` in `Hit.extras` and in the API."""

    name: str
    load: Callable[[Any, Any, str], Any]  # (page, query plan, language) -> value
    as_json: Callable[[Any, Callable[[str], str]], Any]  # (value, absolute url maker) -> JSON
    schema: dict
    empty: Any = None  # its JSON value on hits of other types


@dataclass(frozen=True)
class DocumentType:
    """A kind of page search finds.

    - `document(page)`: the search.documents.SearchDocument the index is built from;
    - `passages(page)`: the texts a snippet is cut from without further queries (default: the
      document's);
    - `facts(locale_id, ids)`: {page_id: Facts} of the live, public pages of a locale (only `ids`
      when given) in a few queries, for counting facets;
    - `facet_values(page)`: {facet: [values]} of one page, for the engine's index;
    - `date(page)`: the date "newest" sorts on and `year` counts;
    - `facets`: the facets this type fills (and so the filters its pages can pass);
    - `embedding_texts(page)`: the texts search by meaning embeds (search.semantic): first the page
      itself (title, summary, sections), then any further parts (a publication's pages of text);
      default: the document's title, summary and passages as one text.
    """

    name: str
    label: str
    models: tuple
    document: Callable
    facts: Callable[[int, Any], dict]
    facet_values: Callable[[Any], dict]
    date: Callable[[Any], date | None]
    facets: tuple[str, ...] = ()
    passages: Callable | None = None
    hit_fields: tuple[HitField, ...] = ()
    hit_template: str = "search/includes/hit.html"
    embedding_texts: Callable[[Any], list[str]] | None = None


_facets: dict[str, Facet] = {}
_types: dict[str, DocumentType] = {}
_by_model: dict[str, DocumentType] = {}
# A model whose names appear in documents (a theme, a municipality) -> functions giving the ids of
# the pages that show an instance: renaming one reindexes them.
_label_sources: dict[type, list] = {}


def register_facet(facet):
    _facets[facet.name] = facet


def register_type(document_type):
    _types[document_type.name] = document_type
    for model in document_type.models:
        _by_model[model._meta.label_lower] = document_type


def register_label_source(model, pages):
    """Reindex the pages that show an instance of `model` when it is renamed."""
    from search import indexing

    _label_sources.setdefault(model, []).append(pages)
    post_save.connect(
        indexing.on_label_saved, sender=model, dispatch_uid=f"search_label_{model._meta.label}"
    )


def type_facet():
    return Facet(
        TYPE_FACET,
        _("Soort"),
        terms=lambda locale_id: type_terms(),
        cache_terms=False,
        description="Soort resultaat: " + " of ".join(_types) + ".",
        example=next(reversed(_types), ""),
    )


def year_facet():
    return Facet(
        YEAR_FACET,
        _("Jaar"),
        description="Jaar (van de datum van het resultaat).",
        example="2019",
        collapsed=True,
        newest_first=True,
    )


def facets():
    """Every facet in order: the registered ones, then `year` and `type`."""
    return [*_facets.values(), year_facet(), type_facet()]


def facet_names():
    return tuple(facet.name for facet in facets())


def facet_named(name):
    return next((facet for facet in facets() if facet.name == name), None)


def document_types():
    return list(_types.values())


def type_named(name):
    return _types.get(name)


def type_of(page):
    """The document type of a page (of its specific class), or None when search does not find it."""
    return _by_model.get(page._meta.label_lower)


def models():
    return [model for document_type in _types.values() for model in document_type.models]


def type_terms():
    from search.types import Term

    return {name: Term(name, str(document_type.label)) for name, document_type in _types.items()}


def hit_fields():
    """Every registered hit field once, by name, in registration order."""
    found = {}
    for document_type in _types.values():
        for hit_field in document_type.hit_fields:
            found.setdefault(hit_field.name, hit_field)
    return list(found.values())


def pages_labelled_with(instance):
    """Ids of the pages whose documents show `instance` (a term, a place) by name."""
    return {pk for pages in _label_sources.get(type(instance), []) for pk in pages(instance)}


# --- names in a query --------------------------------------------------------------------------


@dataclass(frozen=True)
class QueryNames:
    """The names visitors type for a facet's values ("gemeente Emmen", "Den Haag", "Friesland"):
    a name in a query becomes that facet's filter (search/query_understanding.py).

    `names()` gives (name as people write it, filter values, label) for every named value, in one
    or a few queries (kept until the content changes); several names may share values (everyday
    and former names). `prefixes` are the words that may go before a name and say which kind it is
    ("gemeente", "provincie"); `kind` names that kind in the notice ("gemeente Emmen")."""

    facet: str
    kind: str  # a lazy translation: translated when shown, in the request's language
    prefixes: tuple[str, ...]
    names: Callable[[], list[tuple[str, tuple[str, ...], str]]]


_query_names: dict[str, QueryNames] = {}


def register_query_names(source):
    _query_names[source.facet] = source


def query_names():
    return list(_query_names.values())
