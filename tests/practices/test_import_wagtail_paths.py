"""An imported practice is made the way Wagtail makes any page: the same revision, history, signals,
search entries and reference index as one created with add_child, save_revision and publish."""

import io
import json
import re

import pytest
from django.core.management import call_command
from django.db.models.signals import post_save, pre_save
from django.dispatch import Signal
from wagtail import signals as wagtail_signals
from wagtail.models import Page, PageLogEntry, ReferenceIndex

from changes.signals import content_changed
from changes.version import current_version
from practices.importing import writer
from practices.importing.export import canonical_for
from practices.importing.reader import read_rows
from practices.importing.service import import_file
from practices.importing.validate import Validator
from practices.models import PracticePage
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
# The same practice under another id and title.
FULL_ID_AND_TITLE = {"id": "full-2", "title": "Keukentafelgesprek in de buurt"}


def write_file(tmp_path, records, name="practices.jsonl"):
    path = tmp_path / name
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def import_rows(tmp_path, records, *args):
    call_command(
        "import_practices", str(write_file(tmp_path, records)), *args, stdout=io.StringIO()
    )


def make_the_ordinary_way(path):
    """The practices of a file made one by one, as a script without the importer would: each page
    added to the tree, a revision saved with its history entry, and published."""
    rows, _problems = read_rows(path)
    plans, problems = Validator().validate(rows)
    assert not problems
    tags, link_keys, slugs = writer.ensure_tags(plans), writer.LinkKeys(), writer.ChildSlugs()
    pages = []
    for plan in plans:
        page = writer.new_page(plan, tags, link_keys, slugs=slugs[plan.parent], user=None)
        plan.parent.add_child(instance=page)
        page.save_revision(log_action=True).publish()
        pages.append(page)
    return pages


class SignalLog:
    """Every Wagtail signal, and saves of pages, in the order they are sent."""

    def __init__(self):
        self.sent = []
        self.signals = {
            name: signal
            for name in dir(wagtail_signals)
            if isinstance(signal := getattr(wagtail_signals, name), Signal)
        }
        self.signals.update(pre_save=pre_save, post_save=post_save)

    def receiver(self, name):
        def record(sender, **kwargs):
            if name in ("pre_save", "post_save") and not issubclass(sender, Page):
                return
            self.sent.append((name, sender.__name__))

        return record

    def __enter__(self):
        self.receivers = {name: self.receiver(name) for name in self.signals}
        for name, signal in self.signals.items():
            signal.connect(self.receivers[name], weak=False)
        return self

    def __exit__(self, *exc):
        for name, signal in self.signals.items():
            signal.disconnect(self.receivers[name])


def reference_rows(page):
    """What the page refers to and from where (an inline row's own id left out of the path)."""
    return {
        (content_type, object_id, model_path, re.sub(r"\.\d+\.", ".N.", content_path))
        for content_type, object_id, model_path, content_path in ReferenceIndex.get_references_for_object(
            page
        ).values_list("to_content_type", "to_object_id", "model_path", "content_path")
    }


def content_keys(revision):
    return {
        key: sorted(value[0]) if isinstance(value, list) and value else None
        for key, value in revision.content.items()
    }


def history(page):
    return list(
        PageLogEntry.objects.filter(page=page).order_by("pk").values_list("action", flat=True)
    )


@pytest.fixture
def compared(tmp_path, practice_index_set_up, django_capture_on_commit_callbacks):
    """One practice imported and the same practice (another id) made the ordinary way, each with
    the signals its creation sent."""
    with SignalLog() as imported_signals, django_capture_on_commit_callbacks(execute=True):
        import_rows(tmp_path, [FULL_ROW], "--publish")
    other = {**FULL_ROW, **FULL_ID_AND_TITLE}
    with SignalLog() as ordinary_signals, django_capture_on_commit_callbacks(execute=True):
        [ordinary] = make_the_ordinary_way(write_file(tmp_path, [other], "ordinary.jsonl"))
    imported = PracticePage.objects.get(external_id="full-1")
    return {
        "imported": (imported, imported_signals.sent),
        "ordinary": (PracticePage.objects.get(pk=ordinary.pk), ordinary_signals.sent),
    }


def test_imported_practice_history_shows_it_created_edited_and_published(compared):
    imported, _signals = compared["imported"]
    assert history(imported) == ["wagtail.create", "wagtail.edit", "wagtail.publish"]
    assert PageLogEntry.objects.get(page=imported, action="wagtail.publish").revision_id == (
        imported.live_revision_id
    )


def test_imported_practice_has_the_history_of_one_made_through_wagtail(compared):
    (imported, _), (ordinary, _) = compared["imported"], compared["ordinary"]
    assert history(imported) == history(ordinary)


def test_imported_practice_sends_every_signal_wagtail_sends(compared):
    (_, imported), (_, ordinary) = compared["imported"], compared["ordinary"]
    assert ("page_published", "PracticePage") in imported
    assert imported == ordinary


def test_imported_practice_revision_holds_what_wagtail_stores(compared):
    (imported, _), (ordinary, _) = compared["imported"], compared["ordinary"]
    assert imported.live and imported.live_revision_id == imported.latest_revision_id
    assert content_keys(imported.latest_revision) == content_keys(ordinary.latest_revision)
    restored = imported.latest_revision.as_object()
    assert canonical_for(restored) == canonical_for(imported)
    assert restored.external_id == "full-1"


def test_republishing_an_imported_revision_keeps_each_term_once(compared):
    """The import writes a new practice's rows itself; its revision must name those very rows, or
    publishing it again from the admin would add a second copy of every theme and place."""
    imported, _signals = compared["imported"]
    before = canonical_for(imported)
    rows = imported.practice_themes.count() + imported.involved_municipalities.count()
    imported.latest_revision.publish()
    again = PracticePage.objects.get(pk=imported.pk)
    assert again.practice_themes.count() + again.involved_municipalities.count() == rows
    assert canonical_for(again) == before


def test_imported_practice_is_in_the_reference_index_like_one_made_through_wagtail(compared):
    (imported, _), (ordinary, _) = compared["imported"], compared["ordinary"]
    rows = reference_rows(imported)
    assert len(rows) >= 5  # municipality, places, themes, group, learning form
    assert rows == reference_rows(ordinary)


def test_imported_and_ordinary_practice_are_found_by_the_same_search(compared):
    (imported, _), (ordinary, _) = compared["imported"], compared["ordinary"]
    for query in ("keukentafelgesprek", "rollenspel intervisie", "Regio IJsselland", "Deventer"):
        found = {page.pk for page in PracticePage.objects.live().search(query)}
        assert {imported.pk, ordinary.pk} <= found, query


def test_import_announces_the_change_and_renews_the_content_version(
    tmp_path, practice_index_set_up, django_capture_on_commit_callbacks
):
    before = current_version()
    heard = []

    def listener(sender, pages, reason, **kwargs):
        heard.append((reason, sorted(page.external_id for page in pages)))

    content_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            import_rows(tmp_path, [FULL_ROW, {**FULL_ROW, **FULL_ID_AND_TITLE}], "--publish")
    finally:
        content_changed.disconnect(listener)
    assert current_version() != before
    assert ("import", ["full-1", "full-2"]) in heard


def test_failed_import_leaves_nothing_behind(
    tmp_path, practice_index_set_up, django_capture_on_commit_callbacks
):
    """All or nothing also when writing fails halfway (here: after the last page is saved)."""
    heard = []
    content_changed.connect(heard.append)

    def fail_when_done(done, total):
        if done == total:
            raise RuntimeError("verbinding verbroken")

    path = write_file(tmp_path, [FULL_ROW, {**FULL_ROW, **FULL_ID_AND_TITLE}])
    try:
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
            import_file(path, publish=True, progress=Progress(fail_when_done))
    finally:
        content_changed.disconnect(heard.append)
    assert not PracticePage.objects.exists()
    assert not PageLogEntry.objects.filter(label__startswith="Keukentafelgesprek").exists()
    assert not heard


class Progress:
    def __init__(self, check):
        self.done, self.check = 0, check

    def __call__(self, count, total):
        self.done += count
        self.check(self.done, total)


def test_pages_written_in_several_chunks_continue_the_tree(
    tmp_path, practice_index_set_up, monkeypatch
):
    """Chunks of one import share the parent: paths and slugs continue, and the parent counts
    every child."""
    monkeypatch.setattr(writer, "CHUNK", 4)
    records = [{**FULL_ROW, "id": f"same-{n}", "title": "Zelfde titel"} for n in range(10)]
    import_rows(tmp_path, records, "--publish")

    assert not any(Page.find_problems())
    pages = list(PracticePage.objects.child_of(practice_index_set_up).order_by("path"))
    assert len(pages) == 10 and Page.objects.get(pk=practice_index_set_up.pk).numchild == 10
    assert len({page.slug for page in pages}) == 10
    for page in pages:
        assert page.live and page.live_revision_id == page.latest_revision_id
        assert [theme.name for theme in page.themes] == FULL_ROW["themes"]
        assert page.involved_municipalities.count() == 2
    assert PracticePage.objects.live().search("Zelfde titel").count() == 10


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


def test_import_benchmark_compares_the_import_with_a_plain_loop():
    """`make bench-import` on a small scale: the figures it prints and the checks it makes."""
    out = io.StringIO()
    call_command("bench_import", "--count", "6", "--changed", "2", "--plain", "3", stdout=out)
    report = out.getvalue()
    assert "geïmporteerd: 6 in" in report
    assert "praktijkvoorbeelden per seconde:" in report
    assert "boomproblemen (Page.find_problems): 0" in report
    assert "revisies: 6, pagina's zonder revisie: 0" in report
    assert "in de zoekindex (zoekt 'Praktijkvoorbeeld'): 6" in report
    assert "opnieuw importeren: 4 ongewijzigd, 2 bijgewerkt" in report
    assert "gewone lus (add_child + save_revision + publish): 3 in" in report
    assert "import / gewone lus:" in report
    assert "| praktijkvoorbeelden | import s (wand) | import CPU-s |" in report  # README row


def test_import_benchmark_grows_one_bank_through_several_sizes():
    """`make bench-import SIZES=…` on a small scale: each size imports only what the one before
    lacks, so the bank ends with the largest size's practices, each once, and a row per size."""
    out = io.StringIO()
    call_command("bench_import", "--sizes", "2,5", stdout=out)
    report = out.getvalue()
    assert "| practices | imported now | import s (wall) | import CPU-s | per CPU-s |" in report
    assert re.search(r"^\| 2 \| 2 \| ", report, re.MULTILINE)
    assert re.search(r"^\| 5 \| 3 \| ", report, re.MULTILINE)
    ids = list(PracticePage.objects.values_list("external_id", flat=True))
    assert sorted(ids) == [f"bench-{number:06d}" for number in range(5)]
    again = io.StringIO()
    call_command("bench_import", "--sizes", "5", stdout=again)
    assert "| 5 | 0 (already there) |" in again.getvalue()
    assert PracticePage.objects.count() == 5
