"""The engine indexes and queries search.analysis's tokens as they are: its own analyser for the
analysed fields only splits on spaces, so no token is stemmed a second time."""

import pytest

from search.analysis import analyse
from search.backends.elasticsearch import ANALYSED_FIELDS, SNIPPET_FIELD
from search.params import parse_params
from search.service import search
from tests.factories import make_practice

pytestmark = [pytest.mark.engine, pytest.mark.django_db]

# tijdens → tijden, mensen → mens, huisartsen → huisarts: a Dutch stemmer would change each again.
TWICE_STEMMED = "Huisartsen plaatsen tijdens de lunch mensen op de wachtlijst."


@pytest.fixture
def pages(engine, practice_index, places):
    make_practice(
        practice_index,
        "Overleg in de lunchpauze",
        municipality=places["leiden"],
        summary=TWICE_STEMMED,
    )
    make_practice(
        practice_index,
        "Tijd voor elkaar",
        municipality=places["leiden"],
        summary="Consulenten nemen de tijd.",
    )
    engine.rebuild()


def analysed_by_engine(engine, field, text):
    response = engine.client().indices.analyze(index=engine.index_name(), field=field, text=text)
    return [token["token"] for token in response["tokens"]]


def test_analysed_fields_keep_the_python_tokens(engine, pages):
    tokens = analyse(TWICE_STEMMED)
    assert {"tijden", "mens", "huisarts", "plaats"} <= set(tokens.split())
    for field in ANALYSED_FIELDS:
        assert analysed_by_engine(engine, field, tokens) == tokens.split()


def test_snippet_text_is_folded_but_not_stemmed(engine, pages):
    assert analysed_by_engine(engine, SNIPPET_FIELD, "Huisartsen in Súdwest-Fryslân") == [
        "huisartsen",
        "in",
        "sudwest",
        "fryslan",
    ]


def test_a_word_is_not_found_under_the_stem_of_its_stem(engine, pages):
    def titles(query):
        params, _ = parse_params({"q": query}, "nl")
        results = search(params)
        assert results.backend == "elasticsearch"
        return [hit.title for hit in results.hits]

    assert titles("tijd") == ["Tijd voor elkaar"]
    assert titles("tijdens de lunch") == ["Overleg in de lunchpauze"]
