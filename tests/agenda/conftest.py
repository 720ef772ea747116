import pytest

from tests.agenda.helpers import agenda_index
from tests.database import reloaded


@pytest.fixture(scope="module")
def module_agenda(module_db):
    return agenda_index()


@pytest.fixture
def agenda(module_agenda, db):
    return reloaded(module_agenda)
