"""Hybrid retrieval on the database: questions answered only by meaning are found, lexical results
keep their place, nonsense finds nothing, facets count the hybrid results exactly, and without a
model the search is lexical as before."""

import pytest
from django.db import connection
from django.http import QueryDict
from django.test import override_settings

from search.analysis import analyse_tokens
from search.params import parse_params
from search.service import search
from tests.search.evaluation import evaluate
from tests.search.evaluation.cases import CASES, MEANING_QUERIES, QUERIES

pytestmark = pytest.mark.django_db


def ranked(query, **filters):
    return [hit.page_id for hit in results(query, page_size="10", **filters).hits]


def results(query, page_size="100", **filters):
    querystring = QueryDict(mutable=True)
    querystring.update({"q": query, "page_size": page_size, **filters})
    params, _ = parse_params(querystring, "nl")
    return search(params)


def test_meaning_questions_share_no_word_with_their_answers():
    cases = {case[0]: case for case in CASES}
    for query, keys in MEANING_QUERIES:
        for key in keys:
            _key, title, _code, themes, groups, forms, summary, body = cases[key]
            text = " ".join([title, *themes, *groups, *forms, summary, body])
            shared = set(analyse_tokens(query, "nl")) & set(analyse_tokens(text, "nl"))
            assert not shared, (query, key, shared)


def test_hybrid_search_finds_answers_that_share_no_word_with_the_question(evaluation_pages):
    hybrid = evaluate(ranked, evaluation_pages, MEANING_QUERIES)
    with override_settings(SEARCH_EMBEDDING_MODEL=""):
        lexical_only = evaluate(ranked, evaluation_pages, MEANING_QUERIES)
    print(f"\nmeaning-only questions ({connection.vendor}): lexical {lexical_only}\nhybrid {hybrid}")
    assert lexical_only.recall_at_5 < 0.2
    assert hybrid.recall_at_5 >= 0.4, str(hybrid)


def test_hybrid_search_keeps_the_lexical_quality(evaluation_pages):
    hybrid = evaluate(ranked, evaluation_pages, QUERIES)
    with override_settings(SEARCH_EMBEDDING_MODEL=""):
        lexical = evaluate(ranked, evaluation_pages, QUERIES)
    print(f"\nevaluation set ({connection.vendor}): lexical {lexical}\nhybrid {hybrid}")
    assert hybrid.recall_at_5 >= lexical.recall_at_5 - 0.01
    assert hybrid.mrr >= lexical.mrr - 0.01


def test_teams_without_a_manager_finds_the_self_organising_case(evaluation_pages):
    found = ranked("teams zonder leidinggevende")
    assert evaluation_pages["zelforganisatie-bronckhorst"].id in found[:5]
    # the case with every word still comes first
    assert found[0] == evaluation_pages["zelfsturing-utrecht"].id


def test_nonsense_finds_nothing(evaluation_pages):
    assert results("xqzvw plorkentrabbel").count == 0
    assert results("qwrtp").count == 0


def test_a_one_word_query_that_is_found_is_not_drowned(evaluation_pages):
    found = results("sroi")
    assert found.hits[0].page_id == evaluation_pages["sroi-breda"].id
    assert found.count <= 3


def test_facet_counts_are_exact_for_hybrid_results(evaluation_pages):
    found = results("teams zonder leidinggevende")
    assert found.count == len(found.hits)
    themes = {value.value: value.count for value in found.facets["theme"]}
    for value, count in themes.items():
        assert count == len(results("teams zonder leidinggevende", theme=value).hits)
    # a filter applies to pages found by meaning as to the rest
    only = results("teams zonder leidinggevende", theme="zelforganisatie")
    assert [hit.page_id for hit in only.hits] == [evaluation_pages["zelforganisatie-bronckhorst"].id]
    other = results("teams zonder leidinggevende", theme="wmo")
    assert evaluation_pages["zelforganisatie-bronckhorst"].id not in [h.page_id for h in other.hits]


def test_without_a_model_search_is_lexical_as_before(evaluation_pages):
    with override_settings(SEARCH_EMBEDDING_MODEL=""):
        found = results("teams zonder leidinggevende")
        assert evaluation_pages["zelforganisatie-bronckhorst"].id not in [
            hit.page_id for hit in found.hits
        ]
        assert results("managers leren loslaten").count == 0 or evaluation_pages[
            "handen-oss"
        ].id not in [hit.page_id for hit in results("managers leren loslaten").hits]


def test_an_unknown_model_falls_back_to_lexical_search(evaluation_pages):
    with override_settings(SEARCH_EMBEDDING_MODEL="no-such-model"):
        assert ranked("sroi") == [evaluation_pages["sroi-breda"].id]
