"""The text of uploaded files is read outside the request, and a command catches up with what was missed."""

import io

from django.core.management import call_command
from django.urls import reverse

from publications.models import DocumentText
from tests.publications.helpers import make_document, pdf_bytes


def test_catch_up_command_reads_texts_left_pending(db):
    document = make_document("Rapport", "rapport.pdf", pdf_bytes(["Een", "Twee"]))
    DocumentText.objects.filter(document=document).update(status="pending", pages=[])
    call_command("extract_publication_text", stdout=io.StringIO())
    record = DocumentText.objects.get(document=document)
    assert record.status == DocumentText.Status.DONE
    assert record.page_count == 2


def test_unreadable_file_is_marked_failed_not_raised(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = make_document("Rapport", "rapport.pdf", pdf_bytes(["Een"]))
    with open(document.file.path, "wb") as broken:
        broken.write(b"%PDF-1.4 kapot")
    call_command("extract_publication_text", str(document.pk), stdout=io.StringIO())
    assert DocumentText.objects.get(document=document).status == DocumentText.Status.FAILED


def test_upload_in_the_admin_leaves_reading_the_text_until_after_the_request(
    client, django_user_model, settings, tmp_path, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.models import Collection

    settings.MEDIA_ROOT = tmp_path
    settings.PUBLICATION_TEXT_EXTRACTION = "thread"
    editor = django_user_model.objects.create_superuser("r", "r@example.org", "geheim-wachtwoord")
    client.force_login(editor)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(
            reverse("wagtaildocs:add"),
            {
                "title": "Rapport",
                "file": SimpleUploadedFile("rapport.pdf", pdf_bytes(["Een", "Twee", "Drie"])),
                "collection": Collection.get_first_root_node().pk,
            },
        )
    assert response.status_code == 302
    record = DocumentText.objects.get()
    assert record.status == DocumentText.Status.PENDING  # the upload did not wait for it
    assert any("_dispatch" in repr(callback) for callback in callbacks)
    call_command("extract_publication_text", stdout=io.StringIO())  # what the thread does
    record.refresh_from_db()
    assert record.status == DocumentText.Status.DONE
    assert record.page_count == 3


def test_downloads_report_shows_counts_to_editors(
    client, django_user_model, report, report_document
):
    client.get(report.download_url(report_document.pk))
    editor = django_user_model.objects.create_superuser("r", "r@example.org", "geheim-wachtwoord")
    client.force_login(editor)
    text = client.get(reverse("publications_downloads")).content.decode()
    assert report_document.title in text
    assert "<td>1</td>" in text
