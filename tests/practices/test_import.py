"""import_practices / export_practices as an editor or developer uses them from the command line."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision
from wagtail.search.backends import get_search_backend

from practices.models import PracticePage, Theme

pytestmark = pytest.mark.django_db


def row(number, **overrides):
    data = {
        "id": f"ext-{number}",
        "title": f"Keukentafelgesprek {number}",
        "municipality": "Zwolle",
        "themes": ["Wmo", "De bedoeling"],
        "professional_groups": ["Consulenten sociaal domein"],
        "learning_forms": ["Rollenspel"],
        "summary": "Consulenten oefenen het gesprek aan de keukentafel.",
        "situation": "Inwoners vroegen om een voorziening.\n\nDe vraag erachter bleef liggen.",
        "lessons": "Doorvragen helpt.",
        "date": "2015-09-03",
        "tags": ["gesprek"],
        "contact": {"name": "Fatima", "role": "consulent", "email": "f@example.org"},
    }
    data.update(overrides)
    return data


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_practices", *[str(arg) for arg in args], stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(*args):
    err = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command(
            "import_practices", *[str(arg) for arg in args], stdout=io.StringIO(), stderr=err
        )
    return f"{err.getvalue()}\n{error.value}"


def test_one_bad_line_in_1000_imports_nothing_and_names_that_line(tmp_path, practice_index_set_up):
    rows = [row(n) for n in range(1000)]
    rows[736]["date"] = "3 september 2015"
    output = run_failing(write_jsonl(tmp_path / "practices.jsonl", rows))
    assert "line 737: date:" in output
    assert output.count("line ") == 1
    assert not PracticePage.objects.exists()


def test_valid_file_imports_as_drafts_in_a_valid_tree_with_revisions_and_index(
    tmp_path, practice_index_set_up
):
    out, _err = run(write_jsonl(tmp_path / "practices.jsonl", [row(n) for n in range(30)]))
    assert "Aangemaakt: 30" in out
    pages = PracticePage.objects.filter(external_id__startswith="ext-")
    assert pages.count() == 30
    assert not pages.filter(live=True).exists()
    assert not pages.filter(latest_revision__isnull=True).exists()
    assert not any(Page.find_problems())
    page = pages.get(external_id="ext-7")
    assert [t.slug for t in page.themes] == ["wmo", "de-bedoeling"]
    assert page.municipality.cbs_code == "GM0193"
    assert get_search_backend().search("Keukentafelgesprek", PracticePage).count() == 30


def test_reimporting_the_same_file_changes_nothing(tmp_path, practice_index_set_up):
    path = write_jsonl(tmp_path / "practices.jsonl", [row(n) for n in range(5)])
    run(path, "--publish")
    revisions = Revision.objects.count()
    out, _err = run(path, "--publish")
    assert "Aangemaakt: 0, bijgewerkt: 0, ongewijzigd: 5" in out
    assert Revision.objects.count() == revisions
    assert PracticePage.objects.count() == 5


def test_reimport_with_a_change_updates_that_practice_only(tmp_path, practice_index_set_up):
    rows = [row(n) for n in range(3)]
    run(write_jsonl(tmp_path / "a.jsonl", rows), "--publish")
    rows[1]["summary"] = "Een nieuwe samenvatting."
    out, _err = run(write_jsonl(tmp_path / "b.jsonl", rows), "--publish")
    assert "bijgewerkt: 1, ongewijzigd: 2" in out
    page = PracticePage.objects.get(external_id="ext-1")
    assert page.summary == "Een nieuwe samenvatting."
    assert page.revisions.count() == 2


def test_reimporting_unchanged_practices_does_not_query_per_practice(
    tmp_path, practice_index_set_up
):
    """Re-running a large unchanged file is quick: the pages are compared with a few queries for
    the whole file, not several for each practice."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    few = write_jsonl(tmp_path / "few.jsonl", [row(n) for n in range(2)])
    many = write_jsonl(tmp_path / "many.jsonl", [row(n) for n in range(40)])
    run(many, "--publish")
    with CaptureQueriesContext(connection) as for_few:
        out_few, _err = run(few, "--publish")
    with CaptureQueriesContext(connection) as for_many:
        out_many, _err = run(many, "--publish")
    assert "ongewijzigd: 2" in out_few and "ongewijzigd: 40" in out_many
    assert len(for_many) - len(for_few) < 10


def theme_links(page):
    return {link.theme.name: (link.pk, link.translation_key) for link in page.practice_themes.all()}


def test_reimport_keeps_the_term_links_that_did_not_change(tmp_path, practice_index_set_up):
    """Translations are matched to their source by the links' translation keys: a re-import that
    changes a summary or one theme must not give the other links new rows and keys."""
    rows = [row(1)]
    run(write_jsonl(tmp_path / "a.jsonl", rows), "--publish")
    before = theme_links(PracticePage.objects.get(external_id="ext-1"))

    rows[0]["summary"] = "Een nieuwe samenvatting."
    run(write_jsonl(tmp_path / "b.jsonl", rows), "--publish")
    assert theme_links(PracticePage.objects.get(external_id="ext-1")) == before

    rows[0]["themes"] = ["Wmo", "Jeugdzorg"]
    run(write_jsonl(tmp_path / "c.jsonl", rows), "--publish")
    after = theme_links(PracticePage.objects.get(external_id="ext-1"))
    assert after["Wmo"] == before["Wmo"]
    assert "De bedoeling" not in after
    assert after["Jeugdzorg"][1] not in {key for _pk, key in before.values()}


@pytest.mark.parametrize("export_format", ["jsonl", "csv"])
def test_export_then_import_round_trips(tmp_path, practice_index_set_up, export_format):
    rows = [
        row(1),
        row(
            2,
            municipality="",
            organisation="Regio Achterhoek",
            involved_municipalities=["Aalten", "Winterswijk"],
            reflection_questions=["Wat zou jij doen?"],
            review_date="2020-01-01",
        ),
        row(
            1,
            language="en",
            title="Kitchen-table talk",
            themes=["Purpose first"],
            professional_groups=[],
            learning_forms=[],
            tags=[],
            contact={},
        ),
    ]
    run(write_jsonl(tmp_path / "in.jsonl", rows), "--publish")
    exported = tmp_path / f"out.{export_format}"
    call_command(
        "export_practices",
        "--format",
        export_format,
        "--output",
        str(exported),
        stderr=io.StringIO(),
    )
    revisions = Revision.objects.count()
    out, _err = run(exported)
    assert "Aangemaakt: 0, bijgewerkt: 0, ongewijzigd: 3" in out
    assert Revision.objects.count() == revisions
    english = PracticePage.objects.get(external_id="ext-1", locale__language_code="en")
    dutch = PracticePage.objects.get(external_id="ext-1", locale__language_code="nl")
    assert english.translation_key == dutch.translation_key
    assert [t.name for t in english.themes] == ["Purpose first"]


def test_unknown_terms_are_errors_unless_asked_to_create_them(tmp_path, practice_index_set_up):
    path = write_jsonl(tmp_path / "p.jsonl", [row(1, themes=["Wmo", "Schuldhulp"])])
    output = run_failing(path)
    assert "line 1: themes:" in output and "Schuldhulp" in output
    out, _err = run(path, "--create-missing-terms")
    assert "Aangemaakt: 1" in out
    assert Theme.objects.filter(name="Schuldhulp", locale__language_code="nl").exists()


def test_dry_run_checks_without_importing(tmp_path, practice_index_set_up):
    out, _err = run(write_jsonl(tmp_path / "p.jsonl", [row(1), row(2)]), "--dry-run")
    assert "in orde" in out
    assert not PracticePage.objects.exists()


def test_ambiguous_municipality_asks_for_the_cbs_code(tmp_path, practice_index_set_up):
    output = run_failing(write_jsonl(tmp_path / "p.jsonl", [row(1, municipality="Bergen")]))
    assert "line 1: municipality:" in output and "CBS-code" in output


def test_csv_with_semicolon_lists_imports(tmp_path, practice_index_set_up):
    path = tmp_path / "p.csv"
    path.write_text(
        "id,title,municipality,themes,summary,situation,date\n"
        'c-1,Intervisie,Deventer,"Collegiaal leren;Wmo",Kort.,"Eerste.\n\nTweede.",2018-04-10\n',
        "utf-8",
    )
    out, _err = run(path)
    assert "Aangemaakt: 1" in out
    page = PracticePage.objects.get(external_id="c-1")
    assert [t.name for t in page.themes] == ["Collegiaal leren", "Wmo"]
    assert len(page.situation) == 2


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("latin1.jsonl", "café".encode("latin-1"), "UTF-8"),
        ("broken.jsonl", b"{not json}\n", "geen geldige JSON"),
        ("list.jsonl", b"[1, 2]\n", "JSON-object"),
        ("columns.csv", b"id,title\nx,y\n", "ontbrekende kolommen"),
        ("semicolons.csv", b"id;title;summary\n", "gescheiden door ';'"),
        ("huge.jsonl", b'{"id": "' + b"x" * 1_100_000 + b'"}\n', "te lang"),
        ("practices.xlsx", b"PK", "Onbekend bestandstype"),
    ],
)
def test_bad_files_get_a_clear_message_not_a_traceback(
    tmp_path, practice_index_set_up, name, content, message
):
    path = tmp_path / name
    path.write_bytes(content)
    assert message in run_failing(path)


def test_missing_file_gets_a_clear_message(tmp_path, practice_index_set_up):
    assert "niet gevonden" in run_failing(tmp_path / "nope.jsonl")


def test_imported_practices_show_up_in_the_usage_of_their_themes(
    tmp_path, practice_index_set_up, django_capture_on_commit_callbacks
):
    """Wagtail's reference index ("Gebruik" of a theme or municipality in the admin) knows the
    imported pages, as it would have had an editor created them one by one."""
    from wagtail.models import ReferenceIndex

    with django_capture_on_commit_callbacks(execute=True):
        run(write_jsonl(tmp_path / "p.jsonl", [row(1), row(2, themes=["Wmo"])]), "--publish")
    wmo = Theme.objects.get(name="Wmo", locale__language_code="nl")
    bedoeling = Theme.objects.get(name="De bedoeling", locale__language_code="nl")
    using_wmo = {ref.object_id for ref in ReferenceIndex.get_references_to(wmo)}
    using_bedoeling = {ref.object_id for ref in ReferenceIndex.get_references_to(bedoeling)}
    pages = {p.external_id: str(p.pk) for p in PracticePage.objects.all()}
    assert using_wmo >= {pages["ext-1"], pages["ext-2"]}
    assert pages["ext-1"] in using_bedoeling
    assert pages["ext-2"] not in using_bedoeling
