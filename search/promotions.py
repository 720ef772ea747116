"""Results editors recommend for a query (Wagtail's search_promotions): shown first on the first page
of a relevance-ordered search, on the search page and in the API, with every engine.

A recommended page still has to be findable (live, public, of the language and of a wanted kind) and
pass the visitor's filters; it need not contain the query's words (that is often why it is promoted).
"""

import dataclasses

from wagtail.contrib.search_promotions.models import SearchPromotion

from search.pipeline import build_hits, load_docs, locale_id_for, query_plan, wanted_types
from search.statistics import normalised
from search.terms import cached_terms, with_language_labels


def promoted_page_ids(query):
    query = normalised(query)
    if not query:
        return []
    return list(
        SearchPromotion.objects.filter(query__query_string=query, page__isnull=False)
        .order_by("sort_order", "pk")
        .values_list("page_id", flat=True)
    )


def passes(doc, filters):
    """OR within a facet, AND across facets: the same rule the facet index applies."""
    return all(
        set(doc.values.get(name, ())) & set(values) for name, values in filters.items() if values
    )


def with_promotions(results, params):
    if not params.query or params.sort != "relevance":
        return results
    ids = promoted_page_ids(params.query)
    if not ids:
        return results
    locale_id = locale_id_for(params.language)
    if locale_id is None:
        return results
    docs = load_docs(locale_id, ids, wanted_types(params))
    promoted = [docs[pk] for pk in ids if pk in docs and passes(docs[pk], params.filters)]
    if not promoted:
        return results
    promoted_ids = {doc.page_id for doc in promoted}
    already_found = {hit.page_id for hit in results.hits} & promoted_ids
    organic = [hit for hit in results.hits if hit.page_id not in promoted_ids]
    if results.params.page != 1:
        return dataclasses.replace(results, hits=organic)
    wanted = {name: set(values) for doc in promoted for name, values in doc.values.items()}
    terms = with_language_labels(cached_terms(locale_id, wanted), locale_id)
    plan = query_plan(params.query, params.language)
    hits, _texts = build_hits(promoted, terms, plan, params.language, filters=params.filters)
    hits = [dataclasses.replace(hit, promoted=True) for hit in hits]
    return dataclasses.replace(
        results,
        hits=(hits + organic)[: params.page_size],
        count=results.count + len(promoted_ids - already_found),
    )
