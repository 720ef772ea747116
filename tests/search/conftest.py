"""Fixtures for the search tests: a few practices spread over municipalities, themes and years.

Made once per module (`module_db`); each test gets its own copies read from the database.
"""

import datetime

import pytest

from tests.database import reloaded
from tests.factories import (
    LearningFormFactory,
    MunicipalityFactory,
    ProfessionalGroupFactory,
    ProvinceFactory,
    ThemeFactory,
    make_practice,
)


@pytest.fixture(scope="module")
def module_places(module_db):
    fryslan = ProvinceFactory(name="Fryslân", slug="fryslan")
    zuid_holland = ProvinceFactory(name="Zuid-Holland", slug="zuid-holland")
    return {
        "sudwest": MunicipalityFactory(
            name="Súdwest-Fryslân", cbs_code="GM1900", slug="sudwest-fryslan", province=fryslan
        ),
        "haag": MunicipalityFactory(
            name="'s-Gravenhage",
            cbs_code="GM0518",
            slug="s-gravenhage",
            everyday_names="Den Haag",
            province=zuid_holland,
        ),
        "leiden": MunicipalityFactory(
            name="Leiden", cbs_code="GM0546", slug="leiden", province=zuid_holland
        ),
    }


@pytest.fixture(scope="module")
def module_terms(module_db):
    return {
        "jeugd": ThemeFactory(name="Jeugdzorg", slug="jeugdzorg"),
        "bedoeling": ThemeFactory(name="De bedoeling", slug="de-bedoeling"),
        "omgeving": ThemeFactory(name="Omgevingswet", slug="omgevingswet"),
        "inkoop": ProfessionalGroupFactory(name="Inkopers", slug="inkopers"),
        "consulent": ProfessionalGroupFactory(name="Consulenten", slug="consulenten"),
        "intervisie": LearningFormFactory(name="Intervisie", slug="intervisie"),
    }


@pytest.fixture(scope="module")
def module_practices(module_practice_index, module_places, module_terms):
    practice_index, places, terms = module_practice_index, module_places, module_terms
    inkoop = make_practice(
        practice_index,
        "Inkopers jeugdzorg leren van elkaar",
        municipality=places["sudwest"],
        themes=[terms["jeugd"]],
        professional_groups=[terms["inkoop"]],
        learning_forms=[terms["intervisie"]],
        summary="Hoe inkopers van jeugdhulp samen beter leren inkopen.",
        situation="De contracten met aanbieders waren ingewikkeld en niemand overzag het geheel.",
        approach="Elke maand bespreken de inkopers één casus in een intervisiegroep.",
        practice_date=datetime.date(2019, 5, 1),
    )
    keukentafel = make_practice(
        practice_index,
        "Het gesprek aan de keukentafel",
        municipality=places["haag"],
        themes=[terms["bedoeling"]],
        professional_groups=[terms["consulent"]],
        summary="Consulenten voeren het gesprek met inwoners thuis, aan de keukentafel.",
        situation="Inwoners vulden formulieren in zonder dat iemand vroeg wat ze nodig hadden.",
        practice_date=datetime.date(2021, 5, 1),
    )
    omgeving = make_practice(
        practice_index,
        "Bewoners denken mee over het nieuwe park",
        municipality=places["leiden"],
        themes=[terms["omgeving"]],
        professional_groups=[terms["consulent"]],
        summary="Leiden betrekt inwoners vroeg bij plannen onder de Omgevingswet.",
        situation="Bij eerdere plannen hoorden bewoners pas iets als alles al vastlag.",
        practice_date=datetime.date(2022, 9, 1),
    )
    return {"inkoop": inkoop, "keukentafel": keukentafel, "omgeving": omgeving}


@pytest.fixture
def places(module_places, db):
    return reloaded(module_places)


@pytest.fixture
def terms(module_terms, db):
    return reloaded(module_terms)


@pytest.fixture
def practices(module_practices, db):
    return reloaded(module_practices)
