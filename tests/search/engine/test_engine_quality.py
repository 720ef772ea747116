"""The evaluation set of Dutch cases and staff questions, answered by the engine: the same quality bar
as the database (recall@5 ≥ 0.90, MRR ≥ 0.85), and a nonsense query finds nothing."""

import pytest

from search.params import parse_params
from search.service import search
from tests.search.evaluation import create_cases, evaluate

pytestmark = [pytest.mark.engine, pytest.mark.django_db]


def engine_search(query):
    params, _ = parse_params({"q": query, "page_size": "10"}, "nl")
    results = search(params)
    assert results.backend == "elasticsearch"
    return [hit.page_id for hit in results.hits]


def test_evaluation_set_meets_the_quality_bar_on_the_engine(engine, practice_index):
    pages = create_cases(practice_index)
    engine.rebuild()
    report = evaluate(engine_search, pages)
    print(f"\nsearch quality, engine: {report}")
    assert report.recall_at_5 >= 0.90, str(report)
    assert report.mrr >= 0.85, str(report)
    assert engine_search("xqzvw plorkentrabbel") == []
