"""Practices in search: their document, their facets (themes, professional groups, municipalities,
provinces, learning forms) and what a hit shows. Registered from PracticesConfig.ready."""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from practices.figures import SIZE_CLASSES, figures_table
from practices.models import (
    LearningForm,
    Municipality,
    MunicipalitySuccession,
    PracticeInvolvedMunicipality,
    PracticeLearningForm,
    PracticePage,
    PracticeProfessionalGroup,
    PracticeTheme,
    ProfessionalGroup,
    Province,
    Theme,
)
from practices.places import PROVINCE_ALIASES, without_suffix
from search.documents import SearchDocument, documents_built_once, stream_passages
from search.facts import add_links, linked_pages, with_ids
from search.registry import (
    DocumentType,
    Facet,
    Facts,
    QueryNames,
    register_facet,
    register_label_source,
    register_query_names,
    register_type,
)
from search.types import Term

PRACTICE_TYPE = "praktijkvoorbeeld"  # the "type" facet value of a practice
SIZE_CLASS_FACET = "size_class"  # CBS's size class (inwonersklasse) of a practice's municipality
SIMILAR_FACET = "similar_to"  # municipalities a practice's municipality is like ("lijkt op")


@dataclass(frozen=True)
class MunicipalityTerm(Term):
    cbs_code: str = ""
    province: str = ""

    def as_json(self):
        return {**super().as_json(), "cbs_code": self.cbs_code, "province": self.province}


# --- the document ------------------------------------------------------------------------------

# Inside `bulk_indexing()`: municipality id -> names, so thousands of pages in the same few hundred
# municipalities ask the database once per municipality instead of twice per page.
_names_cache = ContextVar("municipality_names_cache", default=None)


@contextmanager
def bulk_indexing():
    """Remember what documents share (municipality names), and build each page's document once, while
    many pages are indexed at once."""
    token = _names_cache.set({})
    try:
        with documents_built_once():
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


def practice_passages(page):
    """Summary and section texts: what a practice's snippet is cut from (no queries needed)."""
    passages = [page.summary]
    for name in ("situation", "approach", "results", "lessons"):
        passages += stream_passages(getattr(page, name))
    return [p for p in passages if p and p.strip()]


def practice_embedding_texts(page):
    """What search by meaning embeds of a practice: title, summary and sections, as one text."""
    return [" ".join([page.title + ".", *practice_passages(page)])]


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


# --- facets ------------------------------------------------------------------------------------


def term_facet_values(page):
    """The facet values every page filed under the shared taxonomies and places has."""
    municipalities = page.municipalities
    return {
        "theme": [term.slug for term in page.themes],
        "professional_group": [term.slug for term in page.professional_groups],
        "learning_form": [term.slug for term in page.learning_forms],
        "municipality": [m.cbs_code for m in municipalities],
        "province": list(dict.fromkeys(m.province.slug for m in municipalities)),
    }


def practice_facts(locale_id, ids=None):
    """Dates and facet values of the live, public practices of a locale, in six queries."""
    pages = PracticePage.objects.live().public().filter(locale_id=locale_id)
    if ids is not None:
        pages = with_ids(pages, '"wagtailcore_page"."id"', ids)
    dates, values = {}, {}
    rows = pages.values_list(
        "id", "practice_date", "municipality__cbs_code", "municipality__province__slug"
    )
    for pk, practice_date, code, province in rows:
        dates[pk] = practice_date
        values[pk] = {"municipality": [code], "province": [province]} if code else {}
    if not values:
        return {}
    add_links(
        values,
        pages,
        [
            (PracticeTheme, "theme__slug", "theme"),
            (PracticeProfessionalGroup, "professional_group__slug", "professional_group"),
            (PracticeLearningForm, "learning_form__slug", "learning_form"),
            (PracticeInvolvedMunicipality, "municipality__cbs_code", "municipality"),
            (PracticeInvolvedMunicipality, "municipality__province__slug", "province"),
        ],
        ids,
    )
    add_figure_values(values.values())
    return {pk: Facts(pk, dates[pk], values[pk]) for pk in values}


def add_figure_values(all_values):
    """Add the CBS size classes and the "lijkt op" municipalities to facet values that name
    municipalities (from the figures held in memory: no query while the content is unchanged)."""
    table = figures_table()
    for values in all_values:
        codes = values.get("municipality") or ()
        if codes:
            values[SIZE_CLASS_FACET] = table.size_classes(codes)
            values[SIMILAR_FACET] = table.like(codes)


def practice_facet_values(page):
    """A practice's facet values for the engine: the shared ones, its size classes and the
    municipalities it is like."""
    values = term_facet_values(page)
    add_figure_values([values])
    return values


def taxonomy_terms(model):
    def load(locale_id):
        rows = model.objects.filter(locale_id=locale_id).values_list("slug", "name")
        return {slug: Term(slug, name) for slug, name in rows}

    return load


def municipality_terms(locale_id):
    return {
        m.cbs_code: MunicipalityTerm(
            m.cbs_code, m.name, cbs_code=m.cbs_code, province=m.province.slug
        )
        for m in Municipality.objects.select_related("province")
    }


def province_terms(locale_id):
    return {slug: Term(slug, name) for slug, name in Province.objects.values_list("slug", "name")}


def size_class_terms(locale_id):
    return {value: Term(value, str(label)) for value, _lowest, label in SIZE_CLASSES}


def similar_terms(locale_id):
    """The municipalities one can choose as "mijn gemeente": every one with figures."""
    return {code: Term(code, figures.name) for code, figures in figures_table().figures.items()}


def cbs_code(value):
    """A CBS code as the index holds it: "344", "gm344", "GM0344" and the page's slug "utrecht"
    are all GM0344."""
    upper = value.upper()
    digits = upper[2:] if upper.startswith("GM") else upper
    if digits.isdigit():
        return f"GM{int(digits):04d}" if len(digits) <= 4 else upper
    return figures_table().code_of_slug(value.lower()) or upper


def check_similar_value(value):
    if value in figures_table().figures:
        return None
    return _(
        "Onbekende gemeente “%(code)s”. Kies je gemeente uit de lijst of geef een CBS-code "
        "zoals GM0344."
    ) % {"code": value[:20]}


def suggest_themes(starts, language):
    themes = Theme.objects.filter(locale__language_code=language).only("name", "slug")
    return [(theme.name, theme.slug) for theme in themes if starts(theme.name)]


def suggest_municipalities(starts, language):
    found = []
    for municipality in Municipality.objects.filter(is_current=True).only(
        "name", "cbs_code", "everyday_names"
    ):
        names = [municipality.name] + [
            n.strip() for n in municipality.everyday_names.split(",") if n.strip()
        ]
        if any(starts(name) for name in names):
            found.append((municipality.name, municipality.cbs_code))
    return found


# --- places named in a query ("gemeente Emmen", "Den Haag", "Aalburg", "Friesland") -------------


def municipality_query_names():
    """Each current municipality by its CBS name (with and without CBS's suffix), everyday names
    and the names of the former municipalities it absorbed; filtering on its code and on the former
    codes practices are still filed under."""
    municipalities = list(
        Municipality.objects.only(
            "name", "cbs_code", "everyday_names", "is_current", "successor_id"
        )
    )
    by_pk = {m.pk: m for m in municipalities}
    filed = set(PracticePage.objects.values_list("municipality__cbs_code", flat=True))
    filed |= set(
        PracticeInvolvedMunicipality.objects.values_list("municipality__cbs_code", flat=True)
    )
    former = {}
    for m in municipalities:
        if not m.is_current and m.successor_id in by_pk:
            former.setdefault(m.successor_id, []).append(m)
    names = []
    for m in municipalities:
        if not m.is_current:
            continue
        values = (
            m.cbs_code,
            *sorted(f.cbs_code for f in former.get(m.pk, []) if f.cbs_code in filed),
        )
        own = [m.name, without_suffix(m.name)]
        own += [n.strip() for n in m.everyday_names.split(",") if n.strip()]
        own += [f.name for f in former.get(m.pk, []) if f.name != m.name]
        names += [(name, values, m.name) for name in dict.fromkeys(own)]
    return names


def province_query_names():
    provinces = dict(Province.objects.values_list("name", "slug"))
    names = [(name, (slug,), name) for name, slug in provinces.items()]
    names += [
        (alias, (provinces[name],), name)
        for alias, name in PROVINCE_ALIASES.items()
        if name in provinces
    ]
    return names


# --- renamed labels ----------------------------------------------------------------------------


def practices_in(municipalities):
    ids = set(
        PracticePage.objects.filter(municipality__in=municipalities).values_list("id", flat=True)
    )
    ids |= set(
        PracticeInvolvedMunicipality.objects.filter(municipality__in=municipalities).values_list(
            "page_id", flat=True
        )
    )
    return ids


def register():
    register_facet(
        Facet(
            "theme",
            _("Thema"),
            terms=taxonomy_terms(Theme),
            hit_field="themes",
            description="Thema (slug).",
            example="jeugdzorg",
            suggest=suggest_themes,
        )
    )
    register_facet(
        Facet(
            "professional_group",
            _("Beroepsgroep"),
            terms=taxonomy_terms(ProfessionalGroup),
            hit_field="professional_groups",
            description="Beroepsgroep (slug).",
            example="wijkteam",
        )
    )
    register_facet(
        Facet(
            "municipality",
            _("Gemeente"),
            terms=municipality_terms,
            hit_field="municipality",
            single=True,
            term_schema={
                "type": "object",
                "properties": {
                    "value": {"type": "string"},
                    "label": {"type": "string"},
                    "cbs_code": {"type": "string"},
                    "province": {"type": "string"},
                },
            },
            description="Gemeente (CBS-code).",
            example="GM0518",
            collapsed=True,
            normalise=str.upper,
            suggest=suggest_municipalities,
        )
    )
    register_facet(
        Facet(
            "province",
            _("Provincie"),
            terms=province_terms,
            description="Provincie (slug).",
            example="zuid-holland",
        )
    )
    register_facet(
        Facet(
            "learning_form",
            _("Werkvorm"),
            terms=taxonomy_terms(LearningForm),
            hit_field="learning_forms",
            description="Werkvorm (slug).",
            example="intervisie",
        )
    )
    register_facet(
        Facet(
            SIZE_CLASS_FACET,
            _("Inwonersklasse"),
            terms=size_class_terms,
            description="Inwonersklasse van de gemeente (CBS-gemeentegrootteklasse, inwoners op "
            "1 januari van het peiljaar): tot-5000, 5000-10000, 10000-20000, 20000-50000, "
            "50000-100000, 100000-150000, 150000-250000, 250000-of-meer.",
            example="20000-50000",
            cache_terms=False,
            ordered=True,
        )
    )
    register_facet(
        Facet(
            SIMILAR_FACET,
            _("Lijkt op mijn gemeente"),
            terms=similar_terms,
            hit_field=SIMILAR_FACET,
            hit_selected_only=True,
            description="Lijkt op mijn gemeente (CBS-code): alleen resultaten uit de gemeenten "
            "die het meest op deze gemeente lijken (inwoners, bevolkingsdichtheid, provincie; "
            "zie 'Gemeenten zoals …' op de gemeentepagina). Een resultaat noemt in "
            "`similar_to` de gekozen gemeente(n) waar het op lijkt.",
            example="GM0344",
            collapsed=True,
            normalise=cbs_code,
            validate=check_similar_value,
            valid_values=lambda: sorted(figures_table().figures),
        )
    )
    register_type(
        DocumentType(
            PRACTICE_TYPE,
            _("Praktijkvoorbeeld"),
            models=(PracticePage,),
            document=build_practice_document,
            passages=practice_passages,
            embedding_texts=practice_embedding_texts,
            facts=practice_facts,
            facet_values=practice_facet_values,
            date=lambda page: page.practice_date,
            facets=(
                "theme",
                "professional_group",
                "municipality",
                "province",
                "learning_form",
                SIZE_CLASS_FACET,
                SIMILAR_FACET,
            ),
            hit_template="practices/includes/search_hit.html",
        )
    )
    register_query_names(
        QueryNames(
            "municipality", _("gemeente"), ("gemeente", "municipality"), municipality_query_names
        )
    )
    register_query_names(
        QueryNames("province", _("provincie"), ("provincie", "province"), province_query_names)
    )
    register_label_source(Theme, linked_pages(PracticeTheme, "theme"))
    register_label_source(
        ProfessionalGroup, linked_pages(PracticeProfessionalGroup, "professional_group")
    )
    register_label_source(LearningForm, linked_pages(PracticeLearningForm, "learning_form"))
    register_label_source(Municipality, lambda municipality: practices_in([municipality]))
    register_label_source(
        Province, lambda province: practices_in(Municipality.objects.filter(province=province))
    )
