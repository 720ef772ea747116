"""Fixtures for publication tests: an index under the home page and a published report with a PDF.

The index is made once per module (`module_db`); the report and its file per test, as some tests
replace or delete the file on disk.
"""

import pytest

from home.site_structure import ensure_site_structure
from publications.models import PublicationIndexPage
from tests.database import reloaded
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


def publication_index_page():
    """The publication index under the home page: the one module content made, else a new one."""
    home = ensure_site_structure()
    return PublicationIndexPage.objects.child_of(home).first() or make_publication_index(home)


@pytest.fixture(scope="module")
def module_publication_index(module_db):
    return publication_index_page()


@pytest.fixture
def publication_index(module_publication_index, db):
    return reloaded(module_publication_index)


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
