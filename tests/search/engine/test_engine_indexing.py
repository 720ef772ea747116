"""Publishing, unpublishing, deleting and renaming terms reach the engine's index at once."""

import pytest

from practices.models import Municipality
from tests.factories import ThemeFactory, make_practice

pytestmark = pytest.mark.engine


def place():
    return Municipality.objects.get(cbs_code="GM0034")  # Almere


@pytest.fixture
def indexed(engine, practice_index):
    engine.rebuild()
    return engine


def titles(client, q, **params):
    response = client.get("/api/v1/search", {"q": q, **params})
    assert response["X-Search-Backend"] == "elasticsearch"
    return [r["title"] for r in response.json()["results"]]


def publish(practice_index, capture, title, **fields):
    with capture(execute=True):
        return make_practice(practice_index, title, municipality=place(), **fields)


def test_published_page_is_found_by_the_engine(
    indexed, practice_index, client, django_capture_on_commit_callbacks
):
    publish(practice_index, django_capture_on_commit_callbacks, "Repaircafé in de wijk")
    assert titles(client, "repaircafe") == ["Repaircafé in de wijk"]


def test_unpublished_page_is_no_longer_found(
    indexed, practice_index, client, django_capture_on_commit_callbacks
):
    page = publish(practice_index, django_capture_on_commit_callbacks, "Repaircafé in de wijk")
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert titles(client, "repaircafe") == []


def test_deleted_page_is_no_longer_found(
    indexed, practice_index, client, django_capture_on_commit_callbacks
):
    page = publish(practice_index, django_capture_on_commit_callbacks, "Repaircafé in de wijk")
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert titles(client, "repaircafe") == []


def test_renamed_theme_finds_its_practices_by_the_new_name(
    indexed, practice_index, client, django_capture_on_commit_callbacks
):
    theme = ThemeFactory(name="Schuldhulp", slug="schuldhulp")
    publish(practice_index, django_capture_on_commit_callbacks, "Vroeg erop af", themes=[theme])
    with django_capture_on_commit_callbacks(execute=True):
        theme.name = "Geldzorgen"
        theme.save()
    assert titles(client, "geldzorgen") == ["Vroeg erop af"]
