"""`update_index` builds a fresh index and only then points the alias at it."""

import pytest

from practices.models import Municipality
from tests.factories import make_practice

pytestmark = pytest.mark.engine


def place():
    return Municipality.objects.get(cbs_code="GM0034")  # Almere


def test_rebuild_swaps_the_alias_to_a_new_index_and_drops_the_old(engine, practice_index, client):
    make_practice(
        practice_index,
        "Buurtkamer Lelystad",
        municipality=place(),
        summary="Een buurtkamer voor ontmoeting.",
    )
    engine.rebuild()
    alias = engine.index_name()
    es = engine.client()
    (first,) = es.indices.get_alias(name=alias).body

    engine.rebuild()
    (second,) = es.indices.get_alias(name=alias).body
    assert second != first and second.startswith(alias + "_")
    assert not es.indices.exists(index=first)
    response = client.get("/api/v1/search", {"q": "buurtkamer"})
    assert response["X-Search-Backend"] == "elasticsearch"
    assert response.json()["count"] == 1
