"""The searchable document of a page: its parts in order of weight, raw for snippets and analysed for
the index. Page types register a builder here; PracticePage now, PublicationPage later."""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from wagtail.search import index

from search.analysis import analyse_tokens, strip_html

# The "type" facet values, per page model label.
DOCUMENT_TYPES = {}
_BUILDERS = {}


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


_MODELS = {}
_PASSAGES = {}


def register_document(model, builder, document_type, passages=None):
    """Make a page model searchable.

    `builder(page) -> SearchDocument` feeds the index; `passages(page) -> [str]` gives the texts a
    result's snippet is cut from without further queries (default: the builder's passages);
    `document_type` is the page's value in the "type" facet (praktijkvoorbeeld, publicatie).
    """
    label = model._meta.label_lower
    _MODELS[label] = model
    _BUILDERS[label] = builder
    _PASSAGES[label] = passages
    DOCUMENT_TYPES[label] = document_type


def registered_models():
    return list(_MODELS.values())


def snippet_passages(page):
    passages = _PASSAGES.get(page._meta.label_lower)
    if passages is not None:
        return passages(page)
    return build_document(page).snippet_passages()


def build_document(page):
    builder = _BUILDERS.get(page._meta.label_lower)
    if builder is None:
        return SearchDocument(language=page.locale.language_code, title=page.title)
    return builder(page)


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


class SearchDocumentMixin:
    """Gives a page the indexing methods its search_fields call."""

    def search_document(self):
        return build_document(self)

    def search_title_text(self):
        return f"{self.title} {self.search_document().analysed_title()}"

    def search_body_text(self):
        return self.search_document().analysed_body()


# --- practice pages -------------------------------------------------------------------------


# Inside `bulk_indexing()`: municipality id -> names, so thousands of pages in the same few hundred
# municipalities ask the database once per municipality instead of twice per page.
_names_cache = ContextVar("municipality_names_cache", default=None)


@contextmanager
def bulk_indexing():
    """Remember what documents share (municipality names) while many pages are indexed at once."""
    token = _names_cache.set({})
    try:
        yield
    finally:
        _names_cache.reset(token)


def municipality_names(municipality):
    """Official, everyday and former names (of the municipalities that merged into it), and province."""
    cache = _names_cache.get()
    if cache is None:
        return _municipality_names(municipality)
    if not cache:
        cache.update(_all_municipality_names())
    if municipality.pk not in cache:  # created during the run
        cache[municipality.pk] = _municipality_names(municipality)
    return cache[municipality.pk]


def _names_in_order(municipality, predecessors, absorbed, current):
    names = [municipality.name]
    names += [n.strip() for n in municipality.everyday_names.split(",") if n.strip()]
    names += predecessors
    names += absorbed
    if current is not municipality and current is not None:
        names.append(current.name)
    names.append(municipality.province.name)
    return list(dict.fromkeys(names))


def _municipality_names(municipality):
    return _names_in_order(
        municipality,
        [p.name for p in municipality.predecessors.all()],
        [s.old.name for s in municipality.absorptions.select_related("old")],
        municipality.current,
    )


def _all_municipality_names():
    """Every municipality's names in three queries, in the order `_municipality_names` gives them."""
    from practices.models import Municipality, MunicipalitySuccession

    municipalities = {
        m.pk: m for m in Municipality.objects.select_related("province").order_by("name", "pk")
    }
    predecessors, absorbed = {}, {}
    for m in municipalities.values():
        if m.successor_id:
            predecessors.setdefault(m.successor_id, []).append(m.name)
    for succession in MunicipalitySuccession.objects.order_by("old__name", "-area_share"):
        absorbed.setdefault(succession.new_id, []).append(municipalities[succession.old_id].name)
    return {
        pk: _names_in_order(
            m,
            predecessors.get(pk, []),
            absorbed.get(pk, []),
            m if m.is_current or m.successor_id is None else municipalities.get(m.successor_id),
        )
        for pk, m in municipalities.items()
    }


def _block_texts(value):
    """Plain text of one StreamField block value, whatever its kind."""
    texts = []
    if value is None:
        return texts
    if hasattr(value, "source"):  # RichText
        texts.append(strip_html(value.source))
    elif isinstance(value, str):
        texts.append(strip_html(value))
    elif isinstance(value, dict) or hasattr(value, "items"):
        for key, item in value.items():
            if key in {"image", "document", "video"}:
                continue
            texts += _block_texts(item)
    elif isinstance(value, list | tuple) or hasattr(value, "__iter__"):
        for item in value:
            texts += _block_texts(getattr(item, "value", item))
    return [" ".join(t.split()) for t in texts if t and t.strip()]


def stream_passages(stream):
    passages = []
    for block in stream or []:
        passages += _block_texts(block.value)
    return passages


SKIPPED_KEYS = {"image", "document", "video", "id", "type"}


def _raw_texts(value):
    """Texts in a StreamField's stored JSON, without building blocks (fast, for snippets)."""
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


def raw_stream_passages(stream):
    raw = getattr(stream, "raw_data", None)
    if raw is None:
        return stream_passages(stream)
    return [" ".join(t.split()) for t in _raw_texts(list(raw)) if t.strip()]


def practice_passages(page):
    """Summary and section texts: what a practice's snippet is cut from (no queries needed)."""
    passages = [page.summary]
    for name in ("situation", "approach", "results", "lessons"):
        passages += raw_stream_passages(getattr(page, name))
    return [p for p in passages if p and p.strip()]


def build_practice_document(page):
    places = []
    for municipality in page.municipalities:
        places += ["Gemeente " + municipality.name] + municipality_names(municipality)[1:]
    labels = [t.name for t in page.themes]
    labels += [g.name for g in page.professional_groups]
    labels += [f.name for f in page.learning_forms]
    labels += [tag.name for tag in page.tags.all()]
    if page.organisation:
        labels.append(page.organisation)
    passages = []
    for name in ("situation", "approach", "results", "lessons", "reflection_questions"):
        passages += stream_passages(getattr(page, name))
    return SearchDocument(
        language=page.locale.language_code,
        title=page.title,
        summary=page.summary,
        places=list(dict.fromkeys(places)),
        labels=labels,
        passages=passages,
    )
