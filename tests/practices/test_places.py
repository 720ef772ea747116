"""Municipalities of 2015 and 2026 as loaded from CBS data, and finding them as people write them."""

import pytest

from practices.models import Municipality, MunicipalitySuccession, Province
from practices.places import AmbiguousMunicipality, UnknownMunicipality, find_municipality

pytestmark = pytest.mark.django_db


def test_all_342_current_municipalities_and_393_of_2015_are_there():
    assert Municipality.objects.filter(is_current=True).count() == 342
    assert Municipality.objects.filter(exists_2015=True).count() == 393
    assert Province.objects.count() == 12


def test_barneveld_is_gm0203_in_gelderland():
    barneveld = Municipality.objects.get(cbs_code="GM0203")
    assert barneveld.name == "Barneveld"
    assert barneveld.province.name == "Gelderland"
    assert barneveld.is_current and barneveld.exists_2015


def test_friesland_of_2015_is_the_province_fryslan():
    assert not Province.objects.filter(name="Friesland").exists()
    assert Municipality.objects.get(name="Littenseradiel").province.name == "Fryslân"


def test_a_merged_2015_municipality_leads_to_its_successor():
    bedum = Municipality.objects.get(name="Bedum")
    assert not bedum.is_current
    assert bedum.dissolved_in == 2019
    assert bedum.current.name == "Het Hogeland"


def test_a_split_municipality_leads_to_the_successor_with_the_largest_share():
    haaren = Municipality.objects.get(name="Haaren")
    assert haaren.successor.name == "Vught"
    assert MunicipalitySuccession.objects.filter(old=haaren).count() == 4


def test_names_are_found_as_people_write_them():
    assert find_municipality("Den Haag").cbs_code == "GM0518"
    assert find_municipality("den bosch").name == "'s-Hertogenbosch"
    assert find_municipality("Hengelo").name == "Hengelo (O.)"
    assert find_municipality("Sudwest Fryslan").name == "Súdwest-Fryslân"
    assert find_municipality("gemeente Barneveld").cbs_code == "GM0203"


def test_current_and_former_cbs_codes_are_found():
    assert find_municipality("GM0203").name == "Barneveld"
    assert find_municipality("gm0005").name == "Bedum"


def test_an_ambiguous_name_asks_for_the_cbs_code():
    with pytest.raises(AmbiguousMunicipality) as error:
        find_municipality("Bergen")
    message = str(error.value)
    assert "GM0373" in message and "GM0893" in message and "CBS-code" in message


def test_a_misspelt_name_suggests_the_right_one():
    with pytest.raises(UnknownMunicipality) as error:
        find_municipality("Barnveld")
    assert "Barneveld" in str(error.value)
