"""What the search engine filters, counts facets and sorts on, indexed with each searchable page.

The visibility and sort fields are Wagtail filter fields (ENGINE_FILTER_FIELDS, methods of
EngineFilterMixin). The facet values are one keyword column per registered facet
(`facet_column`), added to the engine's mapping by search.backends.elasticsearch: facets are
registered when the apps are ready, after the page classes and their search_fields exist.
"""

from wagtail.search import index

from search import registry

LANGUAGE_FIELD = "filter_language"
PUBLIC_FIELD = "filter_public"
DATE_FIELD = "filter_date"  # what "newest" sorts on, whatever kind of page

ENGINE_FILTER_FIELDS = [
    index.FilterField(LANGUAGE_FIELD),
    index.FilterField(PUBLIC_FIELD, es_extra={"type": "boolean"}),
    index.FilterField(DATE_FIELD, es_extra={"type": "date"}),
]


def facet_column(name):
    """The engine's keyword column holding a facet's values."""
    return f"facet_{name}"


def facet_values(page):
    """{facet name: [values]} of a page, for the engine: what its type registers, plus year and type."""
    document_type = registry.type_of(page)
    if document_type is None:
        return {}
    values = {name: list(found) for name, found in document_type.facet_values(page).items()}
    day = document_type.date(page)
    values[registry.YEAR_FACET] = [str(day.year)] if day else []
    values[registry.TYPE_FACET] = [document_type.name]
    return values


class EngineFilterMixin:
    """The indexing methods behind ENGINE_FILTER_FIELDS, for a page of a registered document type."""

    def filter_date(self):
        """The date its document type sorts on (a practice's date, a publication's)."""
        document_type = registry.type_of(self)
        return document_type.date(self) if document_type else None

    def filter_language(self):
        return self.locale.language_code

    def filter_public(self):
        """False when the page or one of its ancestors has a view restriction (login, password, group)."""
        return not self.get_view_restrictions().exists()
