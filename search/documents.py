"""The searchable document of a page: its parts in order of weight, raw for snippets and analysed for
the index. Each document type (search.registry) says how to build its pages' documents."""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from wagtail.search import index

from search import registry
from search.analysis import analyse_tokens, strip_html


@dataclass
class SearchDocument:
    """What a search finds a page by; every part is plain text."""

    language: str
    title: str
    summary: str = ""
    places: list[str] = field(
        default_factory=list
    )  # municipality names, old and everyday, province
    labels: list[str] = field(
        default_factory=list
    )  # themes, groups, learning forms, tags, organisation
    passages: list[str] = field(default_factory=list)  # the body, one passage per paragraph
    _tokens: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def analysed_title(self):
        """The heavily weighted part: title (twice, it is what a searcher names), summary, places, labels."""
        return self._analysed([self.title, self.title, self.summary, *self.places, *self.labels])

    def analysed_body(self):
        """Everything, so that one column alone answers whether a document matches."""
        return self._analysed(
            [self.title, self.summary, *self.places, *self.labels, *self.passages]
        )

    def _analysed(self, parts):
        """`analyse` of the parts joined by spaces: no token spans two parts, so each part is
        analysed once (title, summary, places and labels are in both columns)."""
        tokens = []
        for part in parts:
            if part not in self._tokens:
                self._tokens[part] = analyse_tokens(part, self.language)
            tokens += self._tokens[part]
        return " ".join(tokens)

    def snippet_passages(self):
        return [text for text in [self.summary, *self.passages] if text.strip()]


def snippet_passages(page):
    """The texts a result's snippet is cut from: the type's own passages, or its document's."""
    document_type = registry.type_of(page)
    if document_type is not None and document_type.passages is not None:
        return document_type.passages(page)
    return build_document(page).snippet_passages()


def build_document(page):
    document_type = registry.type_of(page)
    if document_type is None:
        return SearchDocument(language=page.locale.language_code, title=page.title)
    return document_type.document(page)


class AnalysedField(index.SearchField):
    """A search field filled by a method but indexed under another field's name.

    The database backend puts only fields named "title" in its title column (the one it weights),
    so the analysed title part is indexed as "title", prefixed by the raw title for admin search.
    """

    def __init__(self, field_name, method_name, **kwargs):
        super().__init__(field_name, **kwargs)
        self.method_name = method_name

    def get_value(self, obj):
        return getattr(obj, self.method_name)()


def searchable_fields(page_class, extra=()):
    """search_fields for a page type that uses SearchDocument: Page's own fields (admin search keeps
    working on raw titles), the analysed title part and the analysed body."""
    return [
        *page_class.search_fields,
        AnalysedField("title", "search_title_text", boost=5),
        index.SearchField("search_body_text"),
        *extra,
    ]


# Inside `documents_built_once()`: id(page) -> (page, its document).
_built = ContextVar("search_documents_built", default=None)


@contextmanager
def documents_built_once():
    """Build each page's document once while many pages are indexed together.

    The search backend reads a page's search fields several times (title, body, autocomplete,
    for each of them every field), and each read would build the whole document again. Only for
    pages that do not change inside the block (a bulk index of saved pages).
    """
    token = _built.set({})
    try:
        yield
    finally:
        _built.reset(token)


class SearchDocumentMixin:
    """Gives a page the indexing methods its search_fields call."""

    def search_document(self):
        built = _built.get()
        if built is None:
            return build_document(self)
        page, document = built.get(id(self), (None, None))
        if page is not self:  # keeping the page in the entry keeps its id from being reused
            document = build_document(self)
            built[id(self)] = (self, document)
        return document

    def search_title_text(self):
        return f"{self.title} {self.search_document().analysed_title()}"

    def search_body_text(self):
        return self.search_document().analysed_body()


# --- StreamField text ---------------------------------------------------------------------


SKIPPED_KEYS = {"image", "document", "video", "id", "type"}


def _raw_texts(value):
    """Texts in a StreamField's stored JSON."""
    if isinstance(value, str):
        return [strip_html(value)]
    if isinstance(value, dict):
        if "type" in value and "value" in value:
            return _raw_texts(value["value"])
        return [
            t for key, item in value.items() if key not in SKIPPED_KEYS for t in _raw_texts(item)
        ]
    if isinstance(value, list):
        return [t for item in value for t in _raw_texts(item)]
    return []


def stream_passages(stream):
    """The texts of a StreamField value, one per text part of a block (rich text without its tags;
    images, documents and videos left out), read from its stored form without building blocks."""
    raw = getattr(stream, "raw_data", None) or []
    return [" ".join(t.split()) for t in _raw_texts(list(raw)) if t.strip()]
