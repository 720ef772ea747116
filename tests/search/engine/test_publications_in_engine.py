"""Publications through the Elasticsearch engine: found by a word on page 3 of their file, typed as a
publication with that page, counted and filtered in the "type" facet; hidden and Dutch-only ones stay
out of other searches; practice listings count practices only."""

import pytest

from practices.listings import facet_counts
from tests.database import reloaded
from tests.search.test_publications_in_search import (  # noqa: F401 - fixtures
    HIDDEN_WORD,
    PAGE_3_WORD,
    facet,
    module_publication_index,
    module_publications,
)

pytestmark = pytest.mark.engine


@pytest.fixture(scope="module")
def module_indexed(module_engine, module_publications):  # noqa: F811 - fixture argument
    """The publications, in an engine index built once for the module."""
    module_engine.rebuild()
    return module_publications


@pytest.fixture
def indexed(module_indexed, db):
    return reloaded(module_indexed)


def test_engine_finds_the_word_on_page_3_and_names_the_page(client, indexed):
    response = client.get("/api/v1/search", {"q": PAGE_3_WORD})
    assert response["X-Search-Backend"] == "elasticsearch"
    data = response.json()
    assert data["count"] == 1
    hit = data["results"][0]
    assert (hit["title"], hit["type"]) == (indexed["report"].title, "publicatie")
    assert hit["locations"][0]["pages"] == [3]
    html = client.get("/zoeken/", {"q": PAGE_3_WORD}).content.decode()
    assert '<span class="search__hit-type">Publicatie</span>' in html
    assert "op p. 3" in html
    assert client.get("/api/v1/search", {"q": "qzxvwpl"}).json()["count"] == 0


def test_engine_type_facet_counts_and_filters(client, indexed):
    practice_count = len(indexed["practices"])
    everything = client.get("/api/v1/search").json()
    assert facet(everything, "type") == {"praktijkvoorbeeld": practice_count, "publicatie": 1}
    assert everything["count"] == practice_count + 1
    only = client.get("/api/v1/search", {"type": "publicatie"}).json()
    assert [hit["title"] for hit in only["results"]] == [indexed["report"].title]
    assert facet(only, "type")["praktijkvoorbeeld"] == practice_count


def test_engine_hides_drafts_private_and_other_language_publications(client, indexed):
    assert client.get("/api/v1/search", {"q": HIDDEN_WORD}).json()["count"] == 0
    english = client.get("/api/v1/search", {"q": PAGE_3_WORD, "lang": "en"})
    assert english["X-Search-Backend"] == "elasticsearch"
    assert english.json()["count"] == 0


def test_engine_practice_listings_count_practices_only(indexed):
    counts, results = facet_counts("nl", "theme")
    assert results.backend == "elasticsearch"
    assert results.count == len(indexed["practices"])
    assert counts["jeugdzorg"] == 1
