"""The bulk importer writes what Wagtail itself would: revision content, rows, ids in order."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import ForeignKey
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.search.backends import get_search_backend

from practices.importing import rows
from practices.importing.export import canonical_for
from practices.models import PracticePage, PracticeTheme
from practices.setup import ensure_practices_setup
from search.analysis import analyse
from search.documents import SearchDocument

pytestmark = pytest.mark.django_db


# Every field the import file can fill, and more than one item in every list.
FULL_ROW = {
    "id": "full-1",
    "title": "Keukentafelgesprek in de regio",
    "summary": "Consulenten oefenen het gesprek aan de keukentafel.",
    "date": "2015-09-03",
    "review_date": "2027-01-01",
    "municipality": "Zwolle",
    "organisation": "Regio IJsselland",
    "involved_municipalities": ["Deventer", "Kampen"],
    "themes": ["Wmo", "De bedoeling"],
    "professional_groups": ["Consulenten sociaal domein"],
    "learning_forms": ["Rollenspel"],
    "tags": ["gesprek", "keukentafel"],
    "situation": "Inwoners vroegen om een voorziening.\nDe vraag erachter bleef liggen.\n\nTweede.",
    "approach": "Oefenen <met> rollenspel & intervisie.",
    "results": "Minder bezwaren.",
    "lessons": "Doorvragen helpt.",
    "reflection_questions": ["Wat zou jij doen?", "Wie vraag je mee?"],
    "contact": {"name": "Fatima", "role": "consulent", "email": "f@example.org"},
}


def import_rows(tmp_path, records, *args):
    path = tmp_path / "practices.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    call_command("import_practices", str(path), *args, stdout=io.StringIO())


@pytest.mark.parametrize("publish", [True, False])
def test_revision_content_is_what_wagtail_serialises(tmp_path, monkeypatch, publish):
    ensure_practices_setup()
    compared = []
    fast = rows.revision_content

    def checked(page):
        content = fast(page)
        assert content == page.serializable_data()
        compared.append(content)
        return content

    monkeypatch.setattr(rows, "revision_content", checked)
    import_rows(tmp_path, [FULL_ROW], *(["--publish"] if publish else []))
    [content] = compared
    # Every serialised field of the page and its inline rows is present and the row's lists filled.
    fields = {f.name for f in PracticePage._meta.fields if f.serialize}
    assert fields <= content.keys()
    for relation in ("practice_themes", "involved_municipalities", "tagged_items"):
        assert len(content[relation]) == 2
        assert all(child["pk"] for child in content[relation])


def test_page_restored_from_its_revision_has_the_imported_content(tmp_path):
    ensure_practices_setup()
    import_rows(tmp_path, [FULL_ROW], "--publish")
    page = PracticePage.objects.get(external_id="full-1")
    revision = page.latest_revision
    assert page.live_revision == revision
    assert revision.content["pk"] == page.pk
    restored = revision.as_object()
    assert canonical_for(restored) == canonical_for(page)
    assert restored.external_id == "full-1"
    assert [link.pk for link in restored.practice_themes.all()] == [
        link.pk for link in page.practice_themes.all()
    ]
    assert [block.id for block in restored.situation] == [block.id for block in page.situation]
    assert list(
        PageLogEntry.objects.filter(page=page).order_by("pk").values_list("action", "revision")
    ) == [("wagtail.create", None), ("wagtail.publish", revision.pk)]


THEMES = ["Wmo", "De bedoeling"]


def test_many_pages_get_their_own_rows_and_revisions(tmp_path):
    index = ensure_practices_setup()
    records = [
        {**FULL_ROW, "id": f"full-{n}", "title": f"Praktijk {n}", "themes": THEMES[: n % 2 + 1]}
        for n in range(rows.BATCH_SIZE + 20)
    ]
    import_rows(tmp_path, records, "--publish")
    assert not any(Page.find_problems())
    for page in PracticePage.objects.filter(external_id__in=["full-0", "full-257", "full-519"]):
        number = int(page.external_id.split("-")[1])
        assert page.title == f"Praktijk {number}"
        assert page.get_parent().pk == index.pk
        assert page.latest_revision.object_id == str(page.pk)
        assert page.latest_revision.content["title"] == page.title
        assert [t.name for t in page.themes] == THEMES[: number % 2 + 1]
        assert page.involved_municipalities.count() == 2


def test_pages_written_in_several_chunks_continue_the_tree(tmp_path, monkeypatch):
    """Chunks of one import share the parent: paths and slugs continue, ids are reserved per
    chunk (on PostgreSQL), and the parent counts every child."""
    from practices.importing import bulk, writer

    index = ensure_practices_setup()
    monkeypatch.setattr(writer, "CHUNK", 4)
    monkeypatch.setattr(bulk.IdReserve, "BLOCK", 3)  # inline rows run out mid-import
    records = [{**FULL_ROW, "id": f"same-{n}", "title": "Zelfde titel"} for n in range(10)]
    import_rows(tmp_path, records, "--publish")

    assert not any(Page.find_problems())
    pages = list(PracticePage.objects.child_of(index).order_by("path"))
    assert len(pages) == 10 and Page.objects.get(pk=index.pk).numchild == 10
    assert len({page.slug for page in pages}) == 10
    for page in pages:
        assert page.live and page.live_revision_id == page.latest_revision_id
        assert page.latest_revision.object_id == str(page.pk)
        assert page.latest_revision.content["pk"] == page.pk
        assert [theme.name for theme in page.themes] == FULL_ROW["themes"]
        assert page.involved_municipalities.count() == 2
    assert get_search_backend().search("Zelfde titel", PracticePage).count() == 10


def test_document_columns_are_the_analysis_of_their_joined_parts():
    # SearchDocument analyses each part once and joins the tokens; that must be `analyse` of the
    # parts joined by spaces (non-ASCII, stop words, compounds, empty parts and all).
    document = SearchDocument(
        language="nl",
        title="De keukentafelgesprekken in Súdwest-Fryslân",
        summary="",
        places=["Gemeente Súdwest-Fryslân", "Fryslân", "Sneek"],
        labels=["Wmo", "jeugdhulp", "3D"],
        passages=["Eerste alinea, met de bedoeling.", "  ", "Tweede: ﬁnanciën & één wijkteam."],
    )
    parts = document.title, document.summary, *document.places, *document.labels
    assert document.analysed_title() == analyse(" ".join([document.title, *parts]))
    assert document.analysed_body() == analyse(" ".join([*parts, *document.passages]))


@pytest.mark.parametrize("model", [Page, PracticePage, Revision, PageLogEntry, PracticeTheme])
def test_values_are_prepared_as_django_prepares_them(model):
    connection = connections[DEFAULT_DB_ALIAS]
    samples = {str: "tekst", int: 7, bool: True}
    for field in model._meta.local_concrete_fields:
        to_db = rows._to_db(field, connection)
        target = field.target_field if isinstance(field, ForeignKey) else field
        for value in (None, samples.get(rows.UNCHANGED.get(type(target)))):
            expected = field.get_db_prep_save(value, connection)
            # PostgreSQL wraps JSON in an adapter (psycopg's Jsonb) that does not compare its contents.
            assert unwrap(to_db(value)) == unwrap(expected), field


def unwrap(value):
    return getattr(value, "obj", value)


def test_import_benchmark_reports_speed_and_checks_its_work():
    """`make bench-import` on a small scale: the figures it prints and the checks it makes."""
    out = io.StringIO()
    call_command("bench_import", "--count", "30", "--changed", "5", stdout=out)
    report = out.getvalue()
    assert "geïmporteerd: 30 in" in report
    assert "praktijkvoorbeelden per seconde:" in report
    assert "boomproblemen (Page.find_problems): 0" in report
    assert "revisies: 30, pagina's zonder revisie: 0" in report
    assert "in de zoekindex (zoekt 'Praktijkvoorbeeld'): 30" in report
    assert "opnieuw importeren: 25 ongewijzigd, 5 bijgewerkt" in report
