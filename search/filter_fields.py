"""What the search engine filters and counts facets on: keyword values indexed with each practice page.

The values are the facet values of the API (term slugs, CBS codes, province slugs, years), so the
Elasticsearch engine filters and aggregates on them without asking the database.
"""

from wagtail.search import index

FACET_FILTER_FIELDS = {
    "theme": "filter_themes",
    "professional_group": "filter_professional_groups",
    "learning_form": "filter_learning_forms",
    "municipality": "filter_municipalities",
    "province": "filter_provinces",
    "year": "filter_year",
    "type": "filter_type",
}
LANGUAGE_FIELD = "filter_language"
PUBLIC_FIELD = "filter_public"
DATE_FIELD = "filter_date"  # what "newest" sorts on, whatever kind of page

ENGINE_FILTER_FIELDS = [
    *(index.FilterField(name) for name in FACET_FILTER_FIELDS.values()),
    index.FilterField(LANGUAGE_FIELD),
    index.FilterField(PUBLIC_FIELD, es_extra={"type": "boolean"}),
    index.FilterField(DATE_FIELD, es_extra={"type": "date"}),
]


class EngineFilterMixin:
    """The indexing methods behind ENGINE_FILTER_FIELDS, for a page with themes and municipalities."""

    def filter_themes(self):
        return [term.slug for term in self.themes]

    def filter_professional_groups(self):
        return [term.slug for term in self.professional_groups]

    def filter_learning_forms(self):
        return [term.slug for term in self.learning_forms]

    def filter_municipalities(self):
        return [municipality.cbs_code for municipality in self.municipalities]

    def filter_provinces(self):
        return list(dict.fromkeys(m.province.slug for m in self.municipalities))

    def filter_year(self):
        return str(self.practice_date.year) if self.practice_date else None

    def filter_type(self):
        """The page's value in the "type" facet (praktijkvoorbeeld, publicatie)."""
        from search.documents import DOCUMENT_TYPES

        return DOCUMENT_TYPES.get(self._meta.label_lower, "")

    def filter_date(self):
        """The practice date or the publication date."""
        return getattr(self, "practice_date", None) or getattr(self, "publication_date", None)

    def filter_language(self):
        return self.locale.language_code

    def filter_public(self):
        """False when the page or one of its ancestors has a view restriction (login, password, group)."""
        return not self.get_view_restrictions().exists()
