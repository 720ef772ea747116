"""The question read as people mean it, answered by the engine: a quoted phrase as a phrase, a word
in most pages never deciding the loosened pass alone, a place named in the query as a filter."""

import pytest

from home.site_structure import ensure_site_structure
from practices.models import Municipality
from search.service import search
from search.types import SearchParams
from tests.factories import PracticeIndexPageFactory, make_practice
from tests.search.test_query_understanding import PRACTICES

pytestmark = pytest.mark.engine


@pytest.fixture(scope="module")
def content(module_db, module_engine):
    index = PracticeIndexPageFactory(parent=ensure_site_structure())
    for title, code, text in PRACTICES:
        make_practice(
            index, title, municipality=Municipality.objects.get(cbs_code=code), summary=text
        )
    module_engine.rebuild()


def titles(query, interpret=False):
    results = search(SearchParams(query=query, interpret=interpret))
    assert results.backend == "elasticsearch"
    return {hit.title for hit in results.hits}


def test_a_quoted_phrase_matches_as_a_phrase_on_the_engine(db, content):
    assert titles('"tijd voor reflectie"') == {"Tijd voor reflectie"}
    assert titles('werk "tijd voor reflectie"') == {"Tijd voor reflectie"}
    assert "Reflectie kost tijd" in titles("tijd voor reflectie")


def test_a_common_word_never_decides_the_loosened_pass_on_the_engine(db, content):
    assert titles("gemeente mantelzorgers") == {
        "Maas en mantelzorg",
        "Mantelzorgers en vrijwilligers",
        "Een lange dag in de wijk",
    }


def test_a_place_in_the_question_is_a_filter_on_the_engine(db, content):
    assert titles("gemeente Emmen", interpret=True) == {"Teamleren in Emmen"}
    assert titles("Zelfsturende teams Gelderland", interpret=True) == {
        "Zelfsturende teams in Arnhem"
    }
