"""Search quality on a realistic Dutch evaluation set: recall@5 ≥ 0.90 and MRR ≥ 0.85."""

import pytest
from django.db import connection

from search.params import parse_params
from search.service import search
from tests.search.evaluation import create_cases, evaluate

pytestmark = pytest.mark.django_db


def database_search(query):
    params, _ = parse_params({"q": query, "page_size": "10"}, "nl")
    return [hit.page_id for hit in search(params).hits]


def test_evaluation_set_meets_the_quality_bar_on_the_database(practice_index):
    pages = create_cases(practice_index)
    report = evaluate(database_search, pages)
    print(f"\nsearch quality, database ({connection.vendor}): {report}")
    assert report.recall_at_5 >= 0.90, str(report)
    assert report.mrr >= 0.85, str(report)
    # and a nonsense query finds nothing
    assert database_search("xqzvw plorkentrabbel") == []
