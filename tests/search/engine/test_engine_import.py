"""Imported practices reach the engine only once the import has committed, and when the engine is
down they wait in the retry queue like any published page."""

import json

import pytest
from django.core.management import call_command

from practices.importing.service import import_file
from practices.setup import ensure_practices_setup
from search.models import PendingIndexUpdate

pytestmark = pytest.mark.engine

ROW = {
    "title": "Repaircafé in de wijk",
    "municipality": "Almere",
    "themes": ["Wmo"],
    "summary": "Bewoners repareren samen.",
    "situation": "Spullen gingen weg.",
    "date": "2016-03-01",
}


def practices_file(tmp_path, count=2):
    path = tmp_path / "practices.jsonl"
    rows = [{**ROW, "id": f"repair-{n}", "title": f"{ROW['title']} {n}"} for n in range(count)]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), "utf-8")
    return path


def engine_titles(client, q):
    response = client.get("/api/v1/search", {"q": q})
    assert response["X-Search-Backend"] == "elasticsearch"
    return sorted(result["title"] for result in response.json()["results"])


class FailWhenDone:
    """A progress callback that fails after the last practice is written, before the commit."""

    def __init__(self):
        self.done = 0

    def __call__(self, count, total):
        self.done += count
        if self.done == total:
            raise RuntimeError("verbinding verbroken")


@pytest.fixture
def setup_done(db):
    ensure_practices_setup()


def test_rolled_back_import_never_reaches_the_engine(
    setup_done, engine, client, tmp_path, django_capture_on_commit_callbacks
):
    engine.rebuild()
    before = engine.request_count
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        import_file(practices_file(tmp_path), publish=True, progress=FailWhenDone())
    assert engine.request_count == before
    assert engine_titles(client, "repaircafe") == []


def test_committed_import_is_found_by_the_engine(
    setup_done, engine, client, tmp_path, django_capture_on_commit_callbacks
):
    engine.rebuild()
    with django_capture_on_commit_callbacks(execute=True):
        import_file(practices_file(tmp_path), publish=True)
    assert engine_titles(client, "repaircafe") == [
        "Repaircafé in de wijk 0",
        "Repaircafé in de wijk 1",
    ]


def test_import_while_the_engine_is_down_is_queued_and_caught_up_by_the_retry(
    setup_done, stoppable_engine, client, tmp_path, django_capture_on_commit_callbacks
):
    stoppable_engine.rebuild()
    stoppable_engine.stop()
    with django_capture_on_commit_callbacks(execute=True):
        result = import_file(practices_file(tmp_path), publish=True)
    assert result.summary.created == 2
    assert PendingIndexUpdate.objects.count() == 2

    stoppable_engine.restart()  # back, but empty: only what is retried will be in it
    stoppable_engine.rebuild(schema_only=True)
    call_command("retry_search_index", verbosity=0)

    assert not PendingIndexUpdate.objects.exists()
    assert engine_titles(client, "repaircafe") == [
        "Repaircafé in de wijk 0",
        "Repaircafé in de wijk 1",
    ]
