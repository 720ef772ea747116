"""The part of a search every engine shares: query plan, facets over the registered document types,
ranking policy, loosening, hits, snippets and suggestions. An engine only has to say which pages
match a plan, with a score and how many of the plan's groups each matched (or, if it counts facets
itself, give one page with counts and highlights); so every engine gives results of the same shape
and the same quality."""

import dataclasses
import itertools
import math
import re
from dataclasses import dataclass, field
from datetime import date

from wagtail.models import Locale, Page

from changes.version import current_version
from search import phrases, registry
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
from search.common_words import deciding_groups, group_pages
from search.documents import snippet_passages
from search.facet_index import facet_index
from search.highlight import make_snippet
from search.matches import Matches
from search.models import Synonym
from search.semantic import hybrid
from search.terms import cached_terms, load_terms, with_language_labels
from search.types import FacetValue, Hit, SearchResults
from search.versioning import VersionedCache

RELAX_BELOW = 5  # a long question whose words all match fewer pages than this is relaxed
# An engine whose first score is cheap (PostgreSQL: the title part) scores this many of the best
# first-scored results in full; only a page past them with a far better body could be missed.
RESCORED = 500

# --- synonyms ----------------------------------------------------------------------------------

_synonyms = VersionedCache()  # a synonym saved is a content change (search/apps.py)


def synonym_sets(language, version=None):
    def load():
        rows = [s.expressions for s in Synonym.objects.filter(language=language)]
        return compile_synonyms(rows, language)

    return _synonyms.get(language, load, version)


def query_plan(query, language, version=None):
    """The analysed plan of a query, checked against the index vocabulary and the synonyms."""
    from search.engines.database import load_vocabulary

    if not tokenize(query):
        return QueryPlan(language)
    return build_plan(query, language, load_vocabulary(version), synonym_sets(language, version))


# --- facet data ----------------------------------------------------------------------------------


@dataclass
class Doc:
    """A page as the facet index holds it: its date, type and values per facet (in order)."""

    page_id: int
    date: date | None
    document_type: str
    values: dict = field(default_factory=dict)  # facet name -> list of values


def wanted_types(params):
    """The registered document types this search covers: SearchParams.document_types, or all."""
    names = [document_type.name for document_type in registry.document_types()]
    return set(params.document_types) & set(names) if params.document_types else set(names)


def load_docs(locale_id, ids=None, types=None):
    """The live, public pages of a locale of the wanted types (only `ids` when given), as Docs."""
    docs = {}
    for document_type in registry.document_types():
        if types is not None and document_type.name not in types:
            continue
        for page_id, facts in document_type.facts(locale_id, ids).items():
            values = {name: list(found) for name, found in facts.values.items()}
            values[registry.YEAR_FACET] = [str(facts.date.year)] if facts.date else []
            values[registry.TYPE_FACET] = [document_type.name]
            docs[page_id] = Doc(page_id, facts.date, document_type.name, values)
    return docs


def load_facet_docs(locale_id):
    """Every live, public page of a locale that search finds, and the labels of their facet values
    (search.facet_index keeps both until the content changes)."""
    return load_docs(locale_id), load_terms(locale_id)


def facet_lists(counts, filters, terms):
    """Per facet, its values with counts and labels (`terms`: facet -> {value: Term})."""
    facets = {}
    for facet in registry.facets():
        name = facet.name
        labels = terms.get(name, {})
        selected = set(filters.get(name, ()))
        found = counts.get(name, {})
        items = [
            FacetValue(
                value,
                labels[value].label if value in labels else value,
                found.get(value, 0),
                value in selected,
            )
            for value in set(found) | selected
        ]
        if facet.newest_first:
            items.sort(key=lambda item: item.value, reverse=True)
        elif facet.ordered:
            order = {value: i for i, value in enumerate(labels)}
            items.sort(key=lambda item: (order.get(item.value, len(order)), item.value))
        else:
            items.sort(key=lambda item: (fold(item.label), item.value))
        facets[name] = items
    return facets


# --- the search ----------------------------------------------------------------------------------


_locales = VersionedCache()  # a locale added or removed is a content change


def locale_id_for(language, version=None):
    return _locales.get(
        language,
        lambda: Locale.objects.filter(language_code=language).values_list("id", flat=True).first(),
        version,
    )


def loosen(plan, attempt, enough=RELAX_BELOW):
    """`attempt(level)` at the strictest level of the plan first (every word), then at looser
    levels (fewer of the words) while it finds fewer than `enough`; returns the last attempt.

    `attempt` returns something with a `found` count. A long question's words are rarely all in
    the answer; a short query keeps its one level."""
    levels = plan.required_matches() if not plan.is_empty else [0]
    for position, level in enumerate(levels):
        outcome = attempt(level, first=position == 0, last=position == len(levels) - 1)
        if outcome.found >= enough or position == len(levels) - 1:
            return outcome
    return outcome


@dataclass
class Attempt:
    """One level of `loosen` on the facet index: the results bitset, counts and relaxations."""

    results: int
    counts: dict
    relaxations: dict

    @property
    def found(self):
        return self.results.bit_count()


def empty_results(params, engine):
    return SearchResults(
        params, 0, [], {name: [] for name in registry.facet_names()}, backend=engine.name
    )


def run_search(engine, params):
    """Search with `engine`; the SearchResults shape is the same whichever engine matched."""
    language = params.language
    version = current_version()  # read once: every cache of this search is of this version
    locale_id = locale_id_for(language, version)
    if locale_id is None:
        return empty_results(params, engine)
    plan = query_plan(params.query, language, version)
    if plan.is_empty and params.query.strip():
        # Typed, but nothing in it to search for ("???", "ꙮꙮ", an emoji, one letter): that finds
        # nothing, as any word that is on no page would, rather than every page.
        return empty_results(params, engine)
    filters = {name: values for name, values in params.filters.items() if values}
    if engine.counts_facets:
        return run_engine_search(engine, params, plan, locale_id, filters, version)
    index = facet_index(locale_id, load_facet_docs)
    kinds = index.filter_mask(registry.TYPE_FACET, wanted_types(params))

    matches = Matches.empty()  # the pages the engine matched (after the phrase check)
    vectors = None  # the pages near the query in meaning (search.semantic.hybrid)
    joined = []  # doc positions found by meaning only
    if plan.is_empty:
        outcome = Attempt(*index.facet(kinds, filters))
    else:
        fetched = None  # whether `matches` holds the pages matching every word, or any
        loose = None  # the pages a loosened level may list (search.common_words)
        per_group = []  # a loosened level's pages per word group (bitsets), for hybrid ranking
        lexical = {"mask": 0, "level": 0}
        grouped = None  # the any-word matches with each group's bitmask, if the engine gives them
        every_word = []  # the rows of the every-word match, which the any-word match may reuse

        def attempt(level, first, last):
            nonlocal fetched, loose, matches, grouped
            if not first:
                # Too few pages hold every word: the search by meaning will want the query's full
                # probe, encoded while the database finds the pages with any of the words.
                hybrid.encode_ahead(params.query)
            # Every word first (cheap: nothing to count per group); the looser levels need the
            # pages that match any word, with how many words each matches.
            require_all = first and not last
            if fetched != require_all:
                rows = engine.match(
                    plan, language, locale_id, require_all=require_all, complete=every_word
                )
                fetched = require_all
                if require_all:
                    every_word[:] = rows
                if not require_all and rows and len(rows[0]) > 3:  # the engine gave masks
                    grouped = Matches.from_rows(rows, index)
                rows = phrases.checked(engine, plan, language, locale_id, rows, require_all)
                # Pages outside the index (not live, not public, another locale) are not findable.
                matches = Matches.from_rows(rows, index)
            at_level = index.mask_of(matches.at_least(level))
            if level < len(plan.groups):
                if loose is None:
                    loose, found = loosened_mask(
                        engine, plan, language, locale_id, index, kinds, matches, grouped
                    )
                    per_group.extend(found)
                at_level &= loose
            lexical.update(mask=at_level, level=level)
            return Attempt(*index.facet(at_level & kinds, filters))

        outcome = loosen(plan, attempt)
        complete = outcome.found > 0 and lexical["level"] == len(plan.groups)
        vectors = hybrid.vector_matches(params.query, language, version, words_found=complete)
        if vectors is not None:
            # Pages near in meaning join the results and pass the same filters and facet counts.
            position = index.position
            joined = [position[pk] for pk in vectors.joining(complete) if pk in position]
            if joined:
                results = (lexical["mask"] | index.mask_of(joined)) & kinds
                outcome = Attempt(*index.facet(results, filters))

    count = outcome.found
    num_pages = max(1, -(-count // params.page_size))
    page_number = min(params.page, num_pages)
    start = (page_number - 1) * params.page_size
    wanted = start + params.page_size
    is_result = index.members(outcome.results)
    if params.sort == "relevance" and not plan.is_empty:
        # (groups matched, score, recency, position), best first; recency breaks ties newest first.
        among = index.holds(outcome.results, matches.positions)
        best = matches.best(among, max(wanted, RESCORED), index.recency)
        final = engine.rescore(plan, [index.docs[i].page_id for *_key, i in best])
        if final is not None:
            best = [(g, final.get(index.docs[i].page_id, s), r, i) for g, s, r, i in best]
            best.sort(reverse=True)
        ordered = [i for *_key, i in best]
        if vectors is not None:
            everything = len(plan.groups)
            groups_of = {i: g for g, _s, _r, i in best}
            complete = {i for i, g in groups_of.items() if g >= everything}
            ranks = {
                index.position[pk]: r for pk, r in vectors.rank.items() if pk in index.position
            }
            coverage = word_coverage(index, kinds, groups_of, everything, per_group, ordered)
            ordered = hybrid.fuse(
                ordered, complete, ranks, [i for i in joined if is_result(i)], coverage
            )
        ordered = ordered[:wanted]
    else:
        ordered = list(itertools.islice((i for i in index.newest if is_result(i)), wanted))
    page_docs = [index.docs[i] for i in ordered[start:]]
    terms = with_language_labels(index.terms, locale_id)
    hits, texts = build_hits(page_docs, terms, plan, language, filters=params.filters)
    suggestion = make_suggestion(engine, params.query, plan, count, texts, language, locale_id)
    return SearchResults(
        params=dataclasses.replace(params, page=page_number),
        count=count,
        hits=hits,
        facets=facet_lists(outcome.counts, params.filters, terms),
        suggestion=suggestion,
        backend=engine.name,
        relaxations=outcome.relaxations,
    )


def word_coverage(index, kinds, groups_of, everything, per_group, positions):
    """How much of the query each page at `positions` holds, 0 to 1: the share of the word groups,
    each weighted by how rare it is among the pages (its inverse document frequency) when the
    pages per group are known (`per_group`, a loosened level), else by count (`groups_of`: doc
    position -> groups matched). A page holding only the common word of a question ("mensen" of
    "mensen zonder huis") holds little of it; one holding its rare word ("bedoeling" of "terug
    naar de bedoeling") most."""
    if not per_group:
        return {i: groups_of[i] / max(1, everything) for i in positions if i in groups_of}
    total = max(1, kinds.bit_count())
    weights = [math.log(1 + total / (1 + (mask & kinds).bit_count())) for mask in per_group]
    tests = [index.members(mask) for mask in per_group]
    whole = sum(weights) or 1.0
    return {
        i: sum(w for w, holds in zip(weights, tests, strict=True) if holds(i)) / whole
        for i in positions
    }


def loosened_mask(engine, plan, language, locale_id, index, kinds, matches, grouped=None):
    """The pages a loosened level may list: those holding a word that is not common, or every
    word (search.common_words); and the pages of each group (bitsets): from `grouped` (Matches
    with the bitmask of each page's groups) when the engine gave them, else a match per group."""
    if grouped is not None:
        per_group = [
            index.mask_of(grouped.of_group(group)) & kinds for group in range(len(plan.groups))
        ]
    else:
        per_group = [
            index.mask_of(index.position[pk] for pk in pages if pk in index.position) & kinds
            for pages in group_pages(engine, plan, language, locale_id)
        ]
    counts = [mask.bit_count() for mask in per_group]
    deciding = deciding_groups(counts, kinds.bit_count())
    every = index.mask_of(matches.at_least(len(plan.groups)))
    for position in deciding:
        every |= per_group[position]
    return every, per_group


def loosened_plan(engine, plan, params, types, locale_id):
    """The plan for a loosened level on an engine that counts facets: with the groups a page must
    hold one of (search.common_words)."""
    everything = dataclasses.replace(params, page=1, page_size=1)
    total = engine.count(QueryPlan(plan.language), 0, everything, {}, types, 1).found
    counts = [len(pages) for pages in group_pages(engine, plan, params.language, locale_id)]
    return dataclasses.replace(plan, deciding=deciding_groups(counts, total))


def run_engine_search(engine, params, plan, locale_id, filters, version):
    """The search on an engine that counts facets itself (Elasticsearch): per level of `loosen`,
    one request for the total, this page's ids, the facet counts and the highlights."""
    language = params.language
    types = wanted_types(params)

    loose = None  # the plan of a loosened level (search.common_words)

    def attempt(level, first, last, page_number=params.page):
        nonlocal loose
        searched = plan
        if level < len(plan.groups):
            hybrid.encode_ahead(params.query)  # as in run_search: while the engine works
            if loose is None:
                loose = loosened_plan(engine, plan, params, types, locale_id)
            searched = loose
        return engine.count(searched, level, params, filters, types, page_number)

    outcome = loosen(plan, attempt)
    complete = outcome.found > 0 and outcome.level == len(plan.groups)
    vectors = None
    if not plan.is_empty:
        vectors = hybrid.vector_matches(params.query, language, version, words_found=complete)
    joining = []
    if vectors is not None:
        joining = vectors.joining(complete)
    if joining:
        # Once more with the pages near in meaning: the engine filters and counts them with the
        # rest; for relevance it gives the first pages of results, fused here with their ranks.
        outcome = hybrid_engine_page(
            engine, plan, outcome.level, params, filters, types, vectors, joining
        )
    num_pages = max(1, -(-outcome.found // params.page_size))
    page_number = min(params.page, num_pages)
    if page_number != params.page:
        if joining:
            outcome = hybrid_engine_page(
                engine, plan, outcome.level, params, filters, types, vectors, joining, page_number
            )
        else:
            outcome = attempt(outcome.level, False, True, page_number)
    docs = load_docs(locale_id, outcome.ids, types)
    # A page unpublished since it was indexed drops out.
    page_docs = [docs[pk] for pk in outcome.ids if pk in docs]
    wanted = {name: set(found) for name, found in outcome.counts.items()}
    for name, values in [
        *params.filters.items(),
        *(i for d in page_docs for i in d.values.items()),
    ]:
        wanted.setdefault(name, set()).update(values)
    terms = with_language_labels(cached_terms(locale_id, wanted, version), locale_id)
    hits, texts = build_hits(
        page_docs, terms, plan, language, outcome.highlights, filters=params.filters
    )
    return SearchResults(
        params=dataclasses.replace(params, page=page_number),
        count=outcome.found,
        hits=hits,
        facets=facet_lists(outcome.counts, params.filters, terms),
        suggestion=make_suggestion(
            engine, params.query, plan, outcome.found, texts, language, locale_id
        ),
        backend=engine.name,
        relaxations=outcome.relaxations,
    )


def hybrid_engine_page(
    engine, plan, level, params, filters, types, vectors, joining, page_number=None
):
    """An engine's page of results at `level` with the pages found by meaning (`joining`) added:
    for relevance, the first pages fused (search.semantic.hybrid.fuse) and this one cut out."""
    page_number = page_number or params.page
    page = engine.count(plan, level, params, filters, types, page_number, vector_ids=joining)
    if params.sort != "relevance":
        return page
    lexical = sorted(
        (pk for pk, (_score, groups) in page.scores.items() if groups and groups >= level),
        key=lambda pk: page.scores[pk][0],
        reverse=True,
    )
    everything = len(plan.groups)
    complete = {pk for pk, (_s, groups) in page.scores.items() if groups >= everything}
    coverage = {pk: (groups or 0) / max(1, everything) for pk, (_s, groups) in page.scores.items()}
    joined = [pk for pk in page.ids if pk in set(joining)]
    ordered = hybrid.fuse(lexical, complete, vectors.rank, joined, coverage)
    start = (page_number - 1) * params.page_size
    page.ids = ordered[start : start + params.page_size]
    return page


def ranked_ids(engine, plan, language, locale_id, among):
    """The ids among `among` that match `plan`, best first, at the strictest level of `loosen` that
    finds any (a listing with its own filters that only wants the words ranked)."""
    wanted = set(among)
    rows = [row for row in engine.match(plan, language, locale_id) if row[0] in wanted]
    rows = phrases.checked(engine, plan, language, locale_id, rows, require_all=False)

    @dataclass
    class Level:
        rows: list

        @property
        def found(self):
            return len(self.rows)

    outcome = loosen(
        plan, lambda level, first, last: Level([r for r in rows if r[2] >= level]), enough=1
    )
    if not outcome.rows:
        return []
    scores = engine.rescore(plan, [row[0] for row in outcome.rows]) or {}
    outcome.rows.sort(key=lambda row: (row[2], scores.get(row[0], row[1])), reverse=True)
    return [row[0] for row in outcome.rows]


def build_hits(page_docs, terms, plan, language, highlights=None, filters=None):
    """Hits for these docs in order, and the texts they show (for "Bedoelde u …")."""
    pages = Page.objects.filter(id__in=[doc.page_id for doc in page_docs]).specific()
    by_id = {page.id: page for page in pages}
    shown = {facet.name for facet in registry.facets() if facet.hit_field}
    # Facets whose hits show only the chosen values: {name: the chosen values}.
    only = {
        facet.name: set((filters or {}).get(facet.name, ()))
        for facet in registry.facets()
        if facet.hit_selected_only
    }
    highlights = highlights or {}
    hits, texts = [], []
    for doc in page_docs:
        page = by_id.get(doc.page_id)
        document_type = registry.type_named(doc.document_type)
        if page is None or document_type is None:
            continue
        passages = snippet_passages(page)
        texts += [page.title, *passages[:2]]
        hit_terms = {}
        for name, values in doc.values.items():
            if name in shown:
                labels = terms.get(name, {})
                hit_terms[name] = [
                    labels[value]
                    for value in values
                    if value in labels and (name not in only or value in only[name])
                ]
        if doc.page_id in highlights:
            snippet = highlights[doc.page_id]
        else:
            snippet = make_snippet(passages, plan, language)
        hits.append(
            Hit(
                page_id=page.id,
                title=page.title,
                url=page.get_url() or "",
                summary=getattr(page, "summary", "") or "",
                snippet=snippet,
                date=doc.date,
                document_type=doc.document_type,
                terms=hit_terms,
                extras={
                    extra.name: extra.load(page, plan, language)
                    for extra in document_type.hit_fields
                },
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
