"""Search by meaning switched on (the test settings switch it off for every other test), with the
evaluation cases published and their embeddings built: once into a content template (tests/demo.py)
that each module of this package copies in."""

from pathlib import Path

import pytest
from django.test import override_settings

from search.semantic.store import build_embeddings
from tests.demo import content_fixture
from tests.search.evaluation import create_cases, published_cases


def semantic_settings(model="usem3"):
    return override_settings(SEARCH_EMBEDDING_MODEL=model)


def build_evaluation():
    from tests.conftest import practice_index_page

    with semantic_settings():
        create_cases(practice_index_page())
        build_embeddings()


EVALUATION = Path(__file__).resolve().parent.parent / "evaluation"
FACTORIES = Path(__file__).resolve().parent.parent.parent / "factories.py"

# Autouse: copied in before the module's transaction (module_db) begins.
evaluation_content = content_fixture(
    "evaluation",
    build_evaluation,
    sources=[*sorted(EVALUATION.glob("*.py")), FACTORIES],
)


@pytest.fixture(scope="module", autouse=True)
def evaluation_copied_in(evaluation_content):
    pass


@pytest.fixture(scope="module")
def semantic_on():
    with semantic_settings():
        yield


@pytest.fixture(scope="module")
def evaluation_pages(evaluation_copied_in, module_db, semantic_on):
    return published_cases()
