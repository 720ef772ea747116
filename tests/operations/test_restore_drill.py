"""Restore drill: the demo site (practices, publications with files, a contribution, translations) is
backed up, the database and the uploads folder are emptied, the backup is restored, and the site is
the same: page tree, revisions, search results, downloads byte for byte, and counts.

Runs on SQLite and on PostgreSQL (pg_dump/pg_restore; CI's database)."""

import hashlib
import shutil

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page, Revision

from contributions.models import Contribution
from operations import backup
from practices.models import PracticePage
from publications.models import PublicationPage
from search.service import search
from search.types import SearchParams
from tests.demo import build_site, content_fixture

pytestmark = pytest.mark.django_db(transaction=True)


def site_state():
    client = Client()
    downloads = {}
    for page in PublicationPage.objects.live().filter(locale__language_code="nl"):
        for item in page.files.all():
            response = client.get(page.download_url(item.document_id))
            body = b"".join(response.streaming_content) if response.streaming else response.content
            downloads[page.url + str(item.document_id)] = (
                response.status_code,
                hashlib.sha256(body).hexdigest(),
            )
    return {
        "tree": list(
            Page.objects.order_by("path").values_list(
                "path", "title", "live", "locale__language_code"
            )
        ),
        "revisions": list(
            Revision.objects.order_by("pk").values_list("pk", "object_id", "content")
        ),
        "search": [
            [hit.title for hit in search(SearchParams(query=query, language=language)).hits]
            for query, language in [("intervisie", "nl"), ("wijkteam", "nl"), ("", "en")]
        ],
        "downloads": downloads,
        "contributions": list(Contribution.objects.values_list("title", "submitter_email")),
        "counts": backup.counts(),
        "home": Client().get("/").status_code,
    }


# The demo site as `make run` builds it, copied in from the content template the crawl and the
# contract test use (tests/demo.py) instead of built again: for this one test, as it empties the
# database and the uploads folder.
site_content = content_fixture("site", build_site, scope="function")


@pytest.fixture
def demo_site(site_content, settings, tmp_path):
    # The uploads the content refers to, in a folder of the test's own that the drill may empty.
    shutil.copytree(settings.MEDIA_ROOT, tmp_path / "media")
    settings.MEDIA_ROOT = tmp_path / "media"
    practice = PracticePage.objects.live().filter(locale__language_code="nl").first()
    Contribution.objects.create(
        page=practice,
        title=practice.title,
        submitter_name="Bram Jansen",
        submitter_email="bram@example.nl",
        consent_given_at=timezone.now(),
        consent_version="2026-01",
    )
    return tmp_path


def test_a_restored_backup_brings_back_the_same_site(demo_site, settings):
    before = site_state()
    assert before["counts"]["documents"] > 0 and before["downloads"]
    assert PracticePage.objects.filter(locale__language_code="en").exists()  # translations too

    folder = backup.make_backup(demo_site / "backups", keep=3)
    manifest = backup.verify(folder)
    assert manifest["counts"] == before["counts"]
    assert manifest["uploads_referenced"] <= manifest["media_files"]

    # Disaster: an empty database and an empty uploads folder.
    call_command("flush", interactive=False, verbosity=0)
    for path in sorted(settings.MEDIA_ROOT.rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    assert Page.objects.count() == 0

    backup.restore_backup(folder)
    connection.close()
    after = site_state()
    for key in before:
        assert after[key] == before[key], key


@pytest.fixture
def one_document(settings, tmp_path, home_page):
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = tmp_path / "media"
    document = get_document_model()(title="Verslag")
    document.file.save("verslag.txt", ContentFile(b"Verslag van de intervisie."))
    return tmp_path


def test_backups_beyond_the_retention_are_removed(one_document):
    root = one_document / "backups"
    made = [backup.make_backup(root, keep=2, media=False) for _ in range(3)]
    assert backup.backups(root) == made[1:]


def test_a_damaged_backup_is_refused(one_document):
    folder = backup.make_backup(one_document / "backups")
    with open(folder / backup.MEDIA_ARCHIVE, "ab") as archive:
        archive.write(b"x")
    with pytest.raises(backup.BackupError):
        backup.restore_backup(folder)


def test_a_backup_is_refused_when_an_upload_is_missing(one_document, settings):
    document = get_document_model().objects.get()
    (settings.MEDIA_ROOT / document.file.name).unlink()
    with pytest.raises(backup.BackupError, match="missing"):
        backup.make_backup(one_document / "backups")
    assert backup.backups(one_document / "backups") == []
