"""The knowledge-question intake and colleague matching through the Elasticsearch engine: the same
practices, colleagues and answered questions as on the database, and the engine answered."""

import pytest

from colleagues.intake import find_existing
from colleagues.matching import propose
from tests.colleagues.conftest import build_demo
from tests.demo import content_fixture

pytestmark = pytest.mark.engine

demo = content_fixture("colleagues", build_demo)  # the colleagues' tests' demo site


@pytest.fixture(scope="module")
def indexed_demo(module_engine, demo, django_db_blocker):
    with django_db_blocker.unblock():
        module_engine.rebuild()


def test_engine_intake_shows_practices_colleagues_and_answered_questions(indexed_demo, db, client):
    response = client.get(
        "/stel-je-kennisvraag/", {"q": "hoe begin je met intervisie in het wijkteam"}
    )
    body = response.content.decode()
    assert "Intervisie in een Deventer wijkteam" in body
    assert "Linda Groothuis" in body
    assert "Hoe begin je met intervisie in een wijkteam?" in body
    groups, _count = find_existing("intervisie wijkteam", "nl")
    assert {"praktijkvoorbeeld", "collega", "vraag"} <= {group.name for group in groups}


def test_engine_api_counts_colleagues_with_consent_as_a_type(indexed_demo, db, client):
    response = client.get("/api/v1/search", {"q": "keukentafelgesprek", "type": "collega"})
    assert response["X-Search-Backend"] == "elasticsearch"
    assert "Fatima El Amrani" in [hit["title"] for hit in response.json()["results"]]


def test_engine_matching_proposes_the_intervision_trainer_first(indexed_demo, db):
    proposals = propose("Hoe begin je met intervisie in een wijkteam?")
    assert proposals[0].colleague.slug == "linda-groothuis"
