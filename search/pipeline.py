"""The part of a search every engine shares: query plan, facets, ranking policy, hits, snippets and
suggestions. An engine only has to say which pages match a plan, with a score and how many of the
plan's groups each matched; so every engine gives results of the same shape and the same quality."""

import dataclasses
import json
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db import connection
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Locale, Page

from search.analysis import (
    Group,
    QueryPlan,
    build_plan,
    compile_synonyms,
    fold,
    stem,
    tokenize,
    variants,
)
from search.documents import snippet_passages
from search.highlight import make_snippet
from search.models import Synonym
from search.types import (
    FACET_NAMES,
    PRACTICE_TYPE,
    PUBLICATION_TYPE,
    FacetValue,
    Hit,
    MunicipalityTerm,
    SearchResults,
    Term,
)

RELAX_BELOW = 5  # a long question whose words all match fewer pages than this is relaxed
MAX_ID_LIST = 20_000  # above this, facet data is read for all pages and intersected in Python
SYNONYM_TTL = 60  # seconds; a save in this process refreshes at once


# --- synonyms ----------------------------------------------------------------------------------

_synonym_lock = threading.Lock()
_synonym_cache = {}


def synonym_sets(language):
    entry = _synonym_cache.get(language)
    if entry and time.monotonic() - entry[0] < SYNONYM_TTL:
        return entry[1]
    rows = [s.expressions for s in Synonym.objects.filter(language=language)]
    sets = compile_synonyms(rows, language)
    with _synonym_lock:
        _synonym_cache[language] = (time.monotonic(), sets)
    return sets


@receiver(post_save, sender=Synonym)
@receiver(post_delete, sender=Synonym)
def _forget_synonyms(**kwargs):
    _synonym_cache.clear()


def query_plan(query, language):
    """The analysed plan of a query, checked against the index vocabulary and the synonyms."""
    from search.engines.database import load_vocabulary

    if not tokenize(query):
        return QueryPlan(language)
    return build_plan(query, language, load_vocabulary(), synonym_sets(language))


# --- facet data ----------------------------------------------------------------------------------


@dataclass
class Doc:
    page_id: int
    date: date | None
    municipality_id: int | None
    values: dict = field(default_factory=dict)  # facet name -> set of values
    municipality_ids: list = field(default_factory=list)
    theme_ids: list = field(default_factory=list)
    group_ids: list = field(default_factory=list)
    form_ids: list = field(default_factory=list)
    document_type: str = PRACTICE_TYPE  # the "type" facet value


@dataclass
class Terms:
    themes: dict  # id -> Term
    professional_groups: dict
    learning_forms: dict
    municipalities: dict  # id -> MunicipalityTerm
    provinces: dict  # slug -> label


_term_cache = {}
TERM_TTL = 60  # seconds; a save or delete in this process refreshes at once


def _term_map(model, locale_id):
    """id -> Term for one taxonomy in one locale (small tables, read on every search: cached)."""
    key = (model._meta.label_lower, locale_id)
    entry = _term_cache.get(key)
    if entry and time.monotonic() - entry[0] < TERM_TTL:
        return entry[1]
    terms = {
        pk: Term(slug, name)
        for pk, slug, name in model.objects.filter(locale_id=locale_id).values_list(
            "id", "slug", "name"
        )
    }
    _term_cache[key] = (time.monotonic(), terms)
    return terms


def _forget_terms(**kwargs):
    _term_cache.clear()
    _locale_cache.clear()


def connect_term_signals():
    from practices.models import LearningForm, ProfessionalGroup, Theme

    for model in (Theme, ProfessionalGroup, LearningForm, Locale):
        post_save.connect(
            _forget_terms, sender=model, dispatch_uid=f"search-terms-{model.__name__}"
        )
        post_delete.connect(
            _forget_terms, sender=model, dispatch_uid=f"search-terms-del-{model.__name__}"
        )


def with_ids(queryset, column, ids):
    """`queryset` limited to `column` in `ids`, as ONE parameter (an array or a JSON list): Django's
    `__in` with thousands of values costs more than the query itself."""
    ids = [int(pk) for pk in ids]
    if connection.vendor == "postgresql":
        return queryset.extra(where=[f"{column} = ANY(%s)"], params=[ids])  # noqa: S610
    return queryset.extra(  # noqa: S610
        where=[f"{column} IN (SELECT value FROM json_each(%s))"],  # noqa: S608 - a column name
        params=[json.dumps(ids)],
    )


def load_practice_docs(locale_id, ids=None):
    """Facet data of the live, public practices of a locale (optionally only `ids`), in 5 queries."""
    from practices.models import (
        PracticeInvolvedMunicipality,
        PracticeLearningForm,
        PracticePage,
        PracticeProfessionalGroup,
        PracticeTheme,
    )

    pages = PracticePage.objects.live().public().filter(locale_id=locale_id)
    if ids is not None:
        pages = with_ids(pages, '"wagtailcore_page"."id"', ids)
    docs = {
        pk: Doc(
            pk,
            practice_date,
            municipality_id,
            municipality_ids=[municipality_id] if municipality_id else [],
        )
        for pk, practice_date, municipality_id in pages.values_list(
            "id", "practice_date", "municipality_id"
        )
    }
    if not docs:
        return docs
    scope = list(docs) if ids is not None else None
    links = (
        (PracticeTheme, "theme_id", "theme_ids"),
        (PracticeProfessionalGroup, "professional_group_id", "group_ids"),
        (PracticeLearningForm, "learning_form_id", "form_ids"),
        (PracticeInvolvedMunicipality, "municipality_id", "municipality_ids"),
    )
    for model, column, attribute in links:
        rows = model.objects.all()
        if scope is None:
            rows = rows.filter(page_id__in=pages.values("id"))
        else:
            rows = with_ids(rows, f'"{model._meta.db_table}"."page_id"', scope)
        rows = rows.order_by("page_id", "sort_order").values_list("page_id", column)
        for page_id, term_id in rows:
            doc = docs.get(page_id)
            if doc is not None:
                target = getattr(doc, attribute)
                if term_id not in target:
                    target.append(term_id)
    return docs


def load_terms(locale_id, docs):
    from practices.models import LearningForm, Municipality, ProfessionalGroup, Theme

    municipality_ids = {m for doc in docs.values() for m in doc.municipality_ids}
    municipalities, provinces = {}, {}
    for municipality in Municipality.objects.filter(id__in=municipality_ids).select_related(
        "province"
    ):
        municipalities[municipality.id] = MunicipalityTerm(
            municipality.cbs_code,
            municipality.name,
            cbs_code=municipality.cbs_code,
            province=municipality.province.slug,
        )
        provinces[municipality.province.slug] = municipality.province.name
    return Terms(
        _term_map(Theme, locale_id),
        _term_map(ProfessionalGroup, locale_id),
        _term_map(LearningForm, locale_id),
        municipalities,
        provinces,
    )


def fill_values(docs, terms):
    for doc in docs.values():
        places = [
            terms.municipalities[m] for m in doc.municipality_ids if m in terms.municipalities
        ]
        doc.values = {
            "theme": {terms.themes[t].value for t in doc.theme_ids if t in terms.themes},
            "professional_group": {
                terms.professional_groups[t].value
                for t in doc.group_ids
                if t in terms.professional_groups
            },
            "learning_form": {
                terms.learning_forms[t].value for t in doc.form_ids if t in terms.learning_forms
            },
            "municipality": {place.cbs_code for place in places},
            "province": {place.province for place in places},
            "year": {str(doc.date.year)} if doc.date else set(),
            "type": {doc.document_type},
        }


def facet_filter(docs, filters):
    """Results, disjunctive facet counts and the count without each filter, in one pass.

    A value's count is the number of results you would get by adding it: documents that pass every
    other facet's filter and carry the value (OR within a facet, AND across facets).
    """
    selected = {name: set(values) for name, values in filters.items() if values}
    counts = {name: Counter() for name in FACET_NAMES}
    results, almost = [], Counter()
    for doc in docs:
        failed = None
        for name, wanted in selected.items():
            if not wanted & doc.values[name]:
                if failed is not None:
                    break
                failed = name
        else:
            if failed is None:
                results.append(doc)
                for name in FACET_NAMES:
                    counts[name].update(doc.values[name])
            else:
                counts[failed].update(doc.values[failed])
                almost[failed] += 1
    relaxations = {name: len(results) + almost[name] for name in selected}
    return results, counts, relaxations


def type_labels():
    from django.utils.translation import gettext

    return {PRACTICE_TYPE: gettext("Praktijkvoorbeeld"), PUBLICATION_TYPE: gettext("Publicatie")}


def wanted_types(params):
    """The kinds of page this search covers: SearchParams.document_types, or every kind."""
    return set(params.document_types) or {PRACTICE_TYPE, PUBLICATION_TYPE}


def load_docs(locale_id, ids=None, types=None):
    """Facet data of the live, public pages of a locale of the wanted kinds (practices, publications)."""
    from publications.searching import load_publication_docs

    types = types or {PRACTICE_TYPE, PUBLICATION_TYPE}
    docs = load_practice_docs(locale_id, ids) if PRACTICE_TYPE in types else {}
    if PUBLICATION_TYPE in types:
        docs.update(load_publication_docs(locale_id, ids))
    return docs


def practices_only(params, locale_id):
    """True when this search can only find practices: the faster practice-only paths answer it."""
    from django.contrib.contenttypes.models import ContentType

    from practices.models import PracticePage
    from search.engines.database import document_content_type_ids

    if wanted_types(params) == {PRACTICE_TYPE}:
        return True
    chosen = set(params.filters.get("type", ()))
    if chosen and PRACTICE_TYPE not in chosen:
        return False
    practice_type = ContentType.objects.get_for_model(PracticePage).id
    others = [pk for pk in document_content_type_ids() if pk != practice_type]
    return not Page.objects.live().filter(locale_id=locale_id, content_type_id__in=others).exists()


def facet_lists(counts, filters, terms):
    labels = {
        "theme": {t.value: t.label for t in terms.themes.values()},
        "professional_group": {t.value: t.label for t in terms.professional_groups.values()},
        "learning_form": {t.value: t.label for t in terms.learning_forms.values()},
        "municipality": {t.value: t.label for t in terms.municipalities.values()},
        "province": dict(terms.provinces),
        "type": type_labels(),
    }
    facets = {}
    for name in FACET_NAMES:
        selected = set(filters.get(name, ()))
        values = set(counts[name]) | selected
        items = [
            FacetValue(
                value,
                labels.get(name, {}).get(value, value),
                counts[name].get(value, 0),
                value in selected,
            )
            for value in values
        ]
        if name == "year":
            items.sort(key=lambda item: item.value, reverse=True)
        else:
            items.sort(key=lambda item: (fold(item.label), item.value))
        facets[name] = items
    return facets


# --- the search ----------------------------------------------------------------------------------


_locale_cache = {}


def locale_id_for(language):
    if language not in _locale_cache:
        _locale_cache[language] = (
            Locale.objects.filter(language_code=language).values_list("id", flat=True).first()
        )
    return _locale_cache[language]


def run_search(engine, params):
    """Search with `engine`; the SearchResults shape is the same whichever engine matched."""
    language = params.language
    locale_id = locale_id_for(language)
    if locale_id is None:
        return SearchResults(params, 0, [], {name: [] for name in FACET_NAMES}, backend=engine.name)
    plan = query_plan(params.query, language)
    if (
        connection.vendor == "postgresql"
        and getattr(engine, "sql_facets", False)
        and practices_only(params, locale_id)
    ):
        return run_sql_search(engine, params, plan, locale_id)

    matched = None
    if not plan.is_empty:
        matched = {
            pk: (score, groups) for pk, score, groups in engine.match(plan, language, locale_id)
        }
    ids = None if matched is None or len(matched) > MAX_ID_LIST else list(matched)
    docs = load_docs(locale_id, ids, wanted_types(params))
    if matched is not None:
        docs = {pk: doc for pk, doc in docs.items() if pk in matched}
    terms = load_terms(locale_id, docs)
    fill_values(docs, terms)

    candidates = list(docs.values())
    if matched is not None:
        levels = plan.required_matches()
        for position, level in enumerate(levels):
            at_level = [doc for doc in candidates if matched[doc.page_id][1] >= level]
            results, counts, relaxations = facet_filter(at_level, params.filters)
            enough = len(results) >= RELAX_BELOW
            if enough or position == len(levels) - 1:
                break
    else:
        results, counts, relaxations = facet_filter(candidates, params.filters)

    def newest(doc):
        return (doc.date or date.min, doc.page_id)

    if params.sort == "relevance" and matched is not None:
        results.sort(
            key=lambda doc: (matched[doc.page_id][1], matched[doc.page_id][0], *newest(doc)),
            reverse=True,
        )
    else:
        results.sort(key=newest, reverse=True)

    count = len(results)
    num_pages = max(1, -(-count // params.page_size))
    page_number = min(params.page, num_pages)
    start = (page_number - 1) * params.page_size
    page_docs = results[start : start + params.page_size]
    hits, texts = build_hits(page_docs, terms, plan, language)
    suggestion = make_suggestion(engine, params.query, plan, count, texts, language, locale_id)
    return SearchResults(
        params=dataclasses.replace(params, page=page_number),
        count=count,
        hits=hits,
        facets=facet_lists(counts, params.filters, terms),
        suggestion=suggestion,
        backend=engine.name,
        relaxations=relaxations,
    )


def load_hit_docs(ids):
    """Facet data of a page of results (already known to be visible), in one PostgreSQL query."""
    if not ids:
        return {}
    sql = """
        SELECT p.page_ptr_id, p.practice_date, p.municipality_id,
            ARRAY(SELECT x.theme_id FROM practices_practicetheme x
                  WHERE x.page_id = p.page_ptr_id ORDER BY x.sort_order),
            ARRAY(SELECT x.professional_group_id FROM practices_practiceprofessionalgroup x
                  WHERE x.page_id = p.page_ptr_id ORDER BY x.sort_order),
            ARRAY(SELECT x.learning_form_id FROM practices_practicelearningform x
                  WHERE x.page_id = p.page_ptr_id ORDER BY x.sort_order),
            ARRAY(SELECT x.municipality_id FROM practices_practiceinvolvedmunicipality x
                  WHERE x.page_id = p.page_ptr_id ORDER BY x.sort_order)
        FROM practices_practicepage p WHERE p.page_ptr_id = ANY(%s)
    """
    docs = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, [list(ids)])
        for pk, day, municipality_id, themes, groups, forms, involved in cursor.fetchall():
            places = [municipality_id] if municipality_id else []
            places += [m for m in involved if m not in places]
            docs[pk] = Doc(
                pk,
                day,
                municipality_id,
                municipality_ids=places,
                theme_ids=list(dict.fromkeys(themes)),
                group_ids=list(dict.fromkeys(groups)),
                form_ids=list(dict.fromkeys(forms)),
            )
    return docs


def run_sql_search(engine, params, plan, locale_id):
    """The same search, with matching, filters and facet counts done in one SQL statement."""
    from practices.models import LearningForm, Municipality, ProfessionalGroup, Province, Theme
    from search.engines.database import document_content_type_ids
    from search.engines.sql_facets import sql_facet_search

    language = params.language
    maps = {
        "theme": _term_map(Theme, locale_id),
        "professional_group": _term_map(ProfessionalGroup, locale_id),
        "learning_form": _term_map(LearningForm, locale_id),
    }
    filters = {}
    for name, values in params.filters.items():
        if name in maps:
            by_slug = {term.value: pk for pk, term in maps[name].items()}
            filters[name] = [by_slug[v] for v in values if v in by_slug]
        elif name == "municipality":
            filters[name] = list(
                Municipality.objects.filter(cbs_code__in=values).values_list("id", flat=True)
            )
        elif name == "province":
            filters[name] = list(
                Municipality.objects.filter(province__slug__in=values).values_list("id", flat=True)
            )
        elif name == "year":
            filters[name] = [int(v) for v in values if v.isdigit()]
    from django.contrib.contenttypes.models import ContentType

    from practices.models import PracticePage

    # Only practices can match here (search.pipeline.practices_only).
    practice_type = ContentType.objects.get_for_model(PracticePage).id
    content_types = [pk for pk in document_content_type_ids() if pk == practice_type]
    order = "relevance" if params.sort == "relevance" and not plan.is_empty else "newest"
    levels = [0] if plan.is_empty else plan.required_matches()

    def fetch(page, min_groups=0, require_all=False):
        offset = (page - 1) * params.page_size
        return sql_facet_search(
            plan,
            filters,
            locale_id,
            content_types,
            order,
            offset,
            params.page_size,
            min_groups,
            require_all,
        )

    # Every word first (cheap with the index); only when that finds too little, any word.
    result = fetch(params.page, require_all=len(levels) > 1)
    if len(levels) > 1 and result.total(levels[0]) < RELAX_BELOW:
        result = fetch(params.page)
    for position, level in enumerate(levels):
        if result.total(level) >= RELAX_BELOW or position == len(levels) - 1:
            break
    count = result.total(level)
    num_pages = max(1, -(-count // params.page_size))
    page_number = min(params.page, num_pages)
    below_level = result.total(0) > count
    if page_number != params.page or (order == "newest" and below_level):
        result = fetch(page_number, level)
    hit_ids = [pk for pk, groups in result.hits if groups >= level]

    docs = load_hit_docs(hit_ids)
    facet_counts = result.facet_counts(level)
    municipality_ids = {int(v) for v in facet_counts.get("municipality", {})}
    municipality_ids |= {m for doc in docs.values() for m in doc.municipality_ids}
    municipalities, provinces = {}, {}
    for municipality in Municipality.objects.filter(id__in=municipality_ids).select_related(
        "province"
    ):
        municipalities[municipality.id] = MunicipalityTerm(
            municipality.cbs_code,
            municipality.name,
            cbs_code=municipality.cbs_code,
            province=municipality.province.slug,
        )
    province_ids = {int(v) for v in facet_counts.get("province", {})}
    province_slugs = {}
    for province in Province.objects.filter(id__in=province_ids):
        province_slugs[province.id] = province.slug
        provinces[province.slug] = province.name
    for municipality in municipalities.values():
        provinces.setdefault(municipality.province, municipality.province)
    terms = Terms(
        maps["theme"],
        maps["professional_group"],
        maps["learning_form"],
        municipalities,
        provinces,
    )
    counts = {name: Counter() for name in FACET_NAMES}
    for name, values in facet_counts.items():
        for value, number in values.items():
            if number <= 0:
                continue
            key = int(value) if name != "year" else value
            if name in maps and key in maps[name]:
                counts[name][maps[name][key].value] += number
            elif name == "municipality" and key in municipalities:
                counts[name][municipalities[key].value] += number
            elif name == "province" and key in province_slugs:
                counts[name][province_slugs[key]] += number
            elif name == "year":
                counts[name][value] += number
    if count:
        counts["type"][PRACTICE_TYPE] = count
    fill_values(docs, terms)
    page_docs = [docs[pk] for pk in hit_ids if pk in docs]
    hits, texts = build_hits(page_docs, terms, plan, language)
    suggestion = make_suggestion(engine, params.query, plan, count, texts, language, locale_id)
    return SearchResults(
        params=dataclasses.replace(params, page=page_number),
        count=count,
        hits=hits,
        facets=facet_lists(counts, params.filters, terms),
        suggestion=suggestion,
        backend=engine.name,
        relaxations={
            **result.relaxations(level),
            **({"type": count} if params.filters.get("type") else {}),
        },
    )


def build_hits(page_docs, terms, plan, language):
    from publications.searching import locate

    pages = Page.objects.filter(id__in=[doc.page_id for doc in page_docs]).specific()
    by_id = {page.id: page for page in pages}
    hits, texts = [], []
    for doc in page_docs:
        page = by_id.get(doc.page_id)
        if page is None:
            continue
        passages = snippet_passages(page)
        texts += [page.title, *passages[:2]]
        municipality = terms.municipalities.get(doc.municipality_id) or next(
            (terms.municipalities[m] for m in doc.municipality_ids if m in terms.municipalities),
            None,
        )
        hits.append(
            Hit(
                page_id=page.id,
                title=page.title,
                url=page.get_url() or "",
                summary=getattr(page, "summary", "") or "",
                snippet=make_snippet(passages, plan, language),
                date=doc.date,
                municipality=municipality,
                themes=[terms.themes[t] for t in doc.theme_ids if t in terms.themes],
                professional_groups=[
                    terms.professional_groups[t]
                    for t in doc.group_ids
                    if t in terms.professional_groups
                ],
                learning_forms=[
                    terms.learning_forms[t] for t in doc.form_ids if t in terms.learning_forms
                ],
                document_type=doc.document_type,
                locations=locate(page, plan, language)
                if doc.document_type == PUBLICATION_TYPE
                else [],
            )
        )
    return hits, texts


# --- "Bedoelde u …" ----------------------------------------------------------------------------

WORD_RE = re.compile(r"\w+", re.UNICODE)


def _surface(token, texts, language):
    for text in texts:
        for word in WORD_RE.findall(text):
            folded = fold(word)
            if stem(folded, language) == token or token in variants(folded, language):
                return word.lower()
    return None


def make_suggestion(engine, query, plan, count, texts, language, locale_id):
    """A corrected query when a word was corrected (found as a typo), or nothing was found."""
    from search.engines.database import load_vocabulary

    if plan.is_empty:
        return None
    corrections = dict(plan.corrections)
    if count == 0 and not corrections:
        vocabulary = load_vocabulary()
        for group in plan.groups:
            word = group.words[0]
            if len(group.words) > 1 or len(word) < 4 or word.isdigit():
                continue
            if any(all(t in vocabulary for t in alt) for alt in group.alternatives):
                continue
            closest = vocabulary.closest(stem(word, language), 2)
            if closest:
                corrections[word] = closest
    if not corrections:
        return None
    replacements = {}
    for word, token in corrections.items():
        surface = _surface(token, texts, language)
        if surface is None:
            lookup = QueryPlan(language, (Group((token,), ((token,),)),))
            ids = [row[0] for row in engine.match(lookup, language, locale_id)[:5]]
            found = []
            for page in Page.objects.filter(id__in=ids).specific():
                found += [page.title, *snippet_passages(page)]
            surface = _surface(token, found, language)
        if surface:
            replacements[word] = surface
    if not replacements:
        return None
    suggestion = WORD_RE.sub(lambda m: replacements.get(fold(m.group()), m.group()), query)
    return suggestion if fold(suggestion) != fold(query) else None
