"""Uploading a publication file in the admin: anything that is not what it claims is refused, in Dutch."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection, UploadedFile

from publications.file_checks import check_file
from tests.publications.helpers import (
    docx_bytes,
    encrypted_odt_bytes,
    encrypted_pdf_bytes,
    odt_bytes,
    pdf_bytes,
)

Document = get_document_model()


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser(
        "redacteur", "r@example.org", "geheim-wachtwoord"
    )


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(media):
    return [p for p in Path(media).rglob("*") if p.is_file()]


def upload(client, editor, filename, data):
    client.force_login(editor)
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Rapport",
            "file": SimpleUploadedFile(filename, data),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def assert_refused(response, media, *phrases):
    assert response.status_code == 200  # the form again, with the message
    text = response.content.decode()
    for phrase in phrases:
        assert phrase in text
    assert Document.objects.count() == 0
    assert stored_files(media) == []


def test_a_real_pdf_is_accepted_and_its_text_read(client, editor, media):
    response = upload(client, editor, "rapport.pdf", pdf_bytes(["Een", "Twee", "Drie zebravink"]))
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.extracted_text.pages[2] == "Drie zebravink\n- 3 -"


def test_docx_and_odt_are_accepted(client, editor, media):
    assert upload(client, editor, "notitie.docx", docx_bytes()).status_code == 302
    assert upload(client, editor, "notitie.odt", odt_bytes()).status_code == 302
    assert Document.objects.count() == 2


def test_pdf_named_as_word_document_is_refused(client, editor, media):
    response = upload(client, editor, "rapport.docx", pdf_bytes())
    assert_refused(response, media, "De inhoud van ‘rapport.docx’ is een PDF-bestand", "‘.pdf’")


def test_image_renamed_to_pdf_is_refused(client, editor, media):
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    response = upload(client, editor, "rapport.pdf", png)
    assert_refused(response, media, "de inhoud is een afbeelding (PNG)", "Toegestaan zijn alleen")


def test_disallowed_type_is_refused_even_with_an_allowed_looking_zip(client, editor, media):
    plain_zip = io.BytesIO()
    with zipfile.ZipFile(plain_zip, "w") as archive:
        archive.writestr("script.js", "alert(1)")
    response = upload(client, editor, "rapport.pptx", plain_zip.getvalue())
    assert_refused(response, media, "de inhoud is een zip-archief")


def test_old_word_document_is_refused_with_advice(client, editor, media):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    response = upload(client, editor, "rapport.docx", ole)
    assert_refused(response, media, "een ouder Office-bestand", "sla het op als DOCX")


def test_encrypted_pdf_is_refused(client, editor, media):
    response = upload(client, editor, "geheim.pdf", encrypted_pdf_bytes())
    assert_refused(response, media, "met een wachtwoord beveiligd (versleuteld)")


def test_encrypted_opendocument_is_refused(client, editor, media):
    response = upload(client, editor, "geheim.odt", encrypted_odt_bytes())
    assert_refused(response, media, "met een wachtwoord beveiligd (versleuteld)")


def test_password_protected_word_document_is_refused(client, editor, media):
    ole = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64
    )
    response = upload(client, editor, "geheim.docx", ole)
    assert_refused(response, media, "met een wachtwoord beveiligd (versleuteld)")


def test_truncated_pdf_is_refused(client, editor, media):
    data = pdf_bytes()
    response = upload(client, editor, "kapot.pdf", data[: len(data) // 2])
    assert_refused(response, media, "is beschadigd of onvolledig")


def test_pdf_with_garbage_inside_is_refused(client, editor, media):
    response = upload(client, editor, "kapot.pdf", b"%PDF-1.7\n" + b"onzin " * 100 + b"\n%%EOF\n")
    assert_refused(response, media, "is beschadigd of onvolledig")


def test_truncated_word_document_is_refused(client, editor, media):
    data = docx_bytes()
    response = upload(client, editor, "kapot.docx", data[:-40])
    assert_refused(response, media, "is beschadigd of onvolledig")


def test_word_document_with_a_corrupted_part_is_refused(client, editor, media):
    data = bytearray(docx_bytes(["Een tekst die lang genoeg is om te comprimeren. " * 20]))
    position = data.find(b"word/document.xml") + len("word/document.xml") + 10
    data[position] ^= 0xFF  # flip bits inside the compressed part: the checksum no longer matches
    response = upload(client, editor, "kapot.docx", bytes(data))
    assert_refused(response, media, "is beschadigd of onvolledig")


def test_file_over_the_size_limit_is_refused(client, editor, media, settings):
    settings.PUBLICATION_MAX_UPLOAD_MB = 1
    data = pdf_bytes(["x " * 1000] * 450)
    assert len(data) > 1024 * 1024
    response = upload(client, editor, "groot.pdf", data)
    assert_refused(response, media, "het maximum is 1,0\xa0MB")


def test_refused_file_in_the_multiple_uploader_is_not_kept_aside(client, editor, media):
    client.force_login(editor)
    response = client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("rapport.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)},
    )
    assert response.json()["success"] is False
    assert "de inhoud is een afbeelding (PNG)" in response.json()["error_message"]
    assert Document.objects.count() == 0
    assert UploadedFile.objects.count() == 0
    assert stored_files(media) == []


def test_checker_reports_the_real_type_for_reuse_elsewhere():
    checked = check_file(io.BytesIO(odt_bytes()), "verslag.odt")
    assert checked.type.key == "odt"
    assert checked.type.mime_type == "application/vnd.oasis.opendocument.text"


def test_publication_cannot_offer_a_text_document_the_site_otherwise_accepts(publication_index):
    from django.core.exceptions import ValidationError

    from publications.models import PublicationFile, PublicationPage
    from tests.publications.helpers import make_document

    notes = make_document("Aantekeningen", "aantekeningen.txt", b"Gewone tekst.\n")
    page = PublicationPage(title="Met tekstbestand", summary="x", publication_date="2015-05-01")
    page.files = [PublicationFile(document=notes)]
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "alleen PDF, DOCX, ODT, XLSX, ODS, PPTX of ODP" in str(error.value)
