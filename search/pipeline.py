"""The part of a search every engine shares: query plan, facets, ranking policy, hits, snippets and
suggestions. An engine only has to say which pages match a plan, with a score and how many of the
plan's groups each matched; so every engine gives results of the same shape and the same quality."""

import dataclasses
import heapq
import itertools
import json
import re
import threading
import time
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
from search.facet_index import facet_index
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
# An engine whose first score is cheap (PostgreSQL: the title part) scores this many of the best
# first-scored results in full; only a page past them with a far better body could be missed.
RESCORED = 500
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


def load_facet_docs(locale_id):
    """Every live, public page of a locale that search finds, with its facet values filled in."""
    docs = load_docs(locale_id)
    terms = load_terms(locale_id, docs)
    fill_values(docs, terms)
    return docs, terms


def run_search(engine, params):
    """Search with `engine`; the SearchResults shape is the same whichever engine matched."""
    language = params.language
    locale_id = locale_id_for(language)
    if locale_id is None:
        return SearchResults(params, 0, [], {name: [] for name in FACET_NAMES}, backend=engine.name)
    plan = query_plan(params.query, language)
    index = facet_index(locale_id, load_facet_docs)
    kinds = index.filter_mask("type", wanted_types(params))
    filters = {name: values for name, values in params.filters.items() if values}

    matched = None  # doc position -> (score, groups matched)
    if plan.is_empty:
        results, counts, relaxations = index.facet(kinds, filters)
    else:

        def match(require_all=False):
            rows = engine.match(plan, language, locale_id, require_all=require_all)
            # Pages outside the index (not live, not public, another locale) are not findable.
            return {
                index.position[pk]: (score, groups)
                for pk, score, groups in rows
                if pk in index.position
            }

        # Every word first (cheap: nothing to count per group); only when that finds too little,
        # pages with fewer of the words (a long question's words are rarely all in the answer).
        levels = plan.required_matches()
        matched = match(require_all=len(levels) > 1)
        for position, level in enumerate(levels):
            if position == 1:
                matched = match()
            at_level = index.mask_of(i for i, (_s, groups) in matched.items() if groups >= level)
            results, counts, relaxations = index.facet(at_level & kinds, filters)
            if results.bit_count() >= RELAX_BELOW or position == len(levels) - 1:
                break

    count = results.bit_count()
    num_pages = max(1, -(-count // params.page_size))
    page_number = min(params.page, num_pages)
    start = (page_number - 1) * params.page_size
    wanted = start + params.page_size
    is_result = index.members(results)
    if params.sort == "relevance" and matched is not None:
        # (groups matched, score, recency, position), best first; recency breaks ties newest first.
        recency = index.recency
        found = [(g, s, recency[i], i) for i, (s, g) in matched.items() if is_result(i)]
        best = heapq.nlargest(max(wanted, RESCORED), found)
        final = engine.rescore(plan, [index.docs[i].page_id for *_key, i in best])
        if final is not None:
            best = [(g, final.get(index.docs[i].page_id, s), r, i) for g, s, r, i in best]
            best.sort(reverse=True)
        ordered = [i for *_key, i in best[:wanted]]
    else:
        ordered = list(itertools.islice((i for i in index.newest if is_result(i)), wanted))
    page_docs = [index.docs[i] for i in ordered[start:]]
    hits, texts = build_hits(page_docs, index.terms, plan, language)
    suggestion = make_suggestion(engine, params.query, plan, count, texts, language, locale_id)
    return SearchResults(
        params=dataclasses.replace(params, page=page_number),
        count=count,
        hits=hits,
        facets=facet_lists(counts, params.filters, index.terms),
        suggestion=suggestion,
        backend=engine.name,
        relaxations=relaxations,
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
            ids = [row[0] for row in engine.match(lookup, language, locale_id)]
            found = []
            visible = Page.objects.live().public().filter(id__in=ids, locale_id=locale_id)
            for page in visible.order_by("id")[:5].specific():
                found += [page.title, *snippet_passages(page)]
            surface = _surface(token, found, language)
        if surface:
            replacements[word] = surface
    if not replacements:
        return None
    suggestion = WORD_RE.sub(lambda m: replacements.get(fold(m.group()), m.group()), query)
    return suggestion if fold(suggestion) != fold(query) else None
