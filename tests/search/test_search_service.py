"""The search service as the listings and the search page use it."""

import datetime

import pytest

from search.params import parse_params
from search.service import search
from search.types import SearchParams
from tests.factories import MunicipalityFactory, ProvinceFactory, ThemeFactory, make_practice


@pytest.fixture
def practices(practice_index):
    friesland = ProvinceFactory(name="Fryslân", slug="fryslan")
    sudwest = MunicipalityFactory(
        name="Súdwest-Fryslân", cbs_code="GM1900", slug="sudwest-fryslan", province=friesland
    )
    haag = MunicipalityFactory(
        name="'s-Gravenhage", cbs_code="GM0518", slug="s-gravenhage", everyday_names="Den Haag"
    )
    jeugd = ThemeFactory(name="Jeugdzorg", slug="jeugdzorg")
    bedoeling = ThemeFactory(name="De bedoeling", slug="de-bedoeling")
    a = make_practice(
        practice_index,
        "Inkopers jeugdzorg leren van elkaar",
        municipality=sudwest,
        themes=[jeugd],
        summary="Hoe inkopers van jeugdhulp samen beter inkopen.",
        practice_date=datetime.date(2019, 5, 1),
    )
    b = make_practice(
        practice_index,
        "Het gesprek aan de keukentafel",
        municipality=haag,
        themes=[bedoeling],
        summary="Consulenten voeren het gesprek met inwoners thuis aan de keukentafel.",
        practice_date=datetime.date(2021, 5, 1),
    )
    return a, b


def test_search_finds_plural_of_query_term(practices):
    results = search(SearchParams(query="inkoper"))
    assert [hit.title for hit in results.hits] == ["Inkopers jeugdzorg leren van elkaar"]


def test_search_finds_compound_written_apart(practices):
    results = search(SearchParams(query="keukentafelgesprek"))
    assert [hit.title for hit in results.hits] == ["Het gesprek aan de keukentafel"]


def test_everyday_municipality_name_finds_practice(practices):
    results = search(SearchParams(query="den haag"))
    assert [hit.title for hit in results.hits] == ["Het gesprek aan de keukentafel"]


def test_empty_query_lists_everything_newest_first(practices):
    params, errors = parse_params({}, "nl")
    results = search(params)
    assert [hit.title for hit in results.hits] == [
        "Het gesprek aan de keukentafel",
        "Inkopers jeugdzorg leren van elkaar",
    ]
    assert {f.value: f.count for f in results.facets["theme"]} == {
        "jeugdzorg": 1,
        "de-bedoeling": 1,
    }
