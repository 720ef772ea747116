"""Fixtures for publication tests: an index under the home page and a published report with a PDF."""

import pytest

from tests.publications.helpers import (
    make_document,
    make_publication,
    make_publication_index,
    pdf_bytes,
)

REPORT_PAGES = [
    ("Inleiding", ["Gemeenten werken sinds 2015 aan de drie decentralisaties."]),
    ("Rollen", ["Professionals krijgen nieuwe rollen in de wijk en aan de keukentafel."]),
    ("Lerende organisatie", ["Het kwartiermakersoverleg bleek de sleutel tot leren."]),
    ("Tips", ["Begin klein en leer van elkaar."]),
]


@pytest.fixture
def publication_index(home_page):
    return make_publication_index(home_page)


@pytest.fixture
def report_document(db):
    return make_document(
        "Overheidsprofessionals werken aan nieuwe rollen", "rapport.pdf", pdf_bytes(REPORT_PAGES)
    )


@pytest.fixture
def report(publication_index, report_document):
    return make_publication(
        publication_index,
        "Overheidsprofessionals werken aan nieuwe rollen",
        documents=[report_document],
    )
