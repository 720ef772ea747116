"""Downloading a publication's files: stable address, honest headers, a counter without personal data."""

from django.core.files.base import ContentFile
from wagtail.models import PageViewRestriction

from publications.models import DownloadCount
from tests.publications.helpers import docx_bytes, make_document, make_publication, pdf_bytes


def downloads_of(document):
    row = DownloadCount.objects.filter(document=document).first()
    return row.count if row else 0


def test_pdf_opens_in_the_browser_with_its_type_and_name(client, report, report_document):
    response = client.get(report.download_url(report_document.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'inline; filename="Overheidsprofessionals werken aan nieuwe rollen.pdf"; '
        "filename*=UTF-8''Overheidsprofessionals%20werken%20aan%20nieuwe%20rollen.pdf"
    )
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF-")
    assert int(response["Content-Length"]) == len(body) == report_document.file_size


def test_download_address_is_under_the_publication(report, report_document):
    assert report.download_url(report_document.pk) == (
        f"/publicaties/{report.slug}/download/{report_document.pk}/"
    )


def test_non_ascii_title_keeps_its_exact_name_in_filename_star(client, publication_index):
    document = make_document("Rapport ‘Zelfsturing’ één", "r.pdf", pdf_bytes())
    page = make_publication(publication_index, "Zelfsturing", documents=[document])
    response = client.get(page.download_url(document.pk))
    disposition = response["Content-Disposition"]
    assert disposition.startswith('inline; filename="Rapport Zelfsturing een.pdf"')
    assert (
        "filename*=UTF-8''Rapport%20%E2%80%98Zelfsturing%E2%80%99%20%C3%A9%C3%A9n.pdf"
        in disposition
    )


def test_each_download_adds_one_to_the_counter(client, report, report_document):
    url = report.download_url(report_document.pk)
    for _ in range(3):
        b"".join(client.get(url).streaming_content)
    assert downloads_of(report_document) == 3


def test_head_request_does_not_count(client, report, report_document):
    response = client.head(report.download_url(report_document.pk))
    assert response.status_code == 200
    assert response["Content-Length"] == str(report_document.file_size)
    assert downloads_of(report_document) == 0


def test_continuing_a_download_with_a_range_does_not_count_again(client, report, report_document):
    url = report.download_url(report_document.pk)
    first = client.get(url, HTTP_RANGE="bytes=0-99")
    assert first.status_code == 206
    assert b"".join(first.streaming_content).startswith(b"%PDF-")
    rest = client.get(url, HTTP_RANGE="bytes=100-")
    assert rest.status_code == 206
    assert (
        rest["Content-Range"]
        == f"bytes 100-{report_document.file_size - 1}/{report_document.file_size}"
    )
    assert len(b"".join(rest.streaming_content)) == report_document.file_size - 100
    assert downloads_of(report_document) == 1


def test_unsatisfiable_range_is_answered_with_416(client, report, report_document):
    response = client.get(report.download_url(report_document.pk), HTTP_RANGE="bytes=999999-")
    assert response.status_code == 416
    assert downloads_of(report_document) == 0


def test_counter_stores_nothing_but_a_number(client, report, report_document):
    client.get(report.download_url(report_document.pk))
    assert [f.name for f in DownloadCount._meta.get_fields()] == ["document", "count"]
    assert "Set-Cookie" not in client.get(report.download_url(report_document.pk)).headers


def test_replaced_file_is_served_at_the_same_address(client, report, report_document):
    url = report.download_url(report_document.pk)
    report_document.file.delete(save=False)
    report_document.file = ContentFile(pdf_bytes(["Tweede druk, herziene versie."]), name="v2.pdf")
    report_document._set_document_file_metadata()
    report_document.save()
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == report_document.file.open("rb").read()


def test_file_of_another_publication_is_not_served_here(client, publication_index, report):
    other = make_document("Ander", "ander.pdf", pdf_bytes())
    make_publication(publication_index, "Andere publicatie", documents=[other])
    assert client.get(report.download_url(other.pk)).status_code == 404


def test_draft_publication_cannot_be_downloaded(client, publication_index):
    document = make_document("Concept", "concept.pdf", pdf_bytes())
    page = make_publication(publication_index, "Concept", documents=[document], publish=False)
    assert client.get(f"/publicaties/{page.slug}/download/{document.pk}/").status_code == 404
    assert client.get(document.url).status_code == 404
    assert downloads_of(document) == 0


def test_restricted_publication_asks_anonymous_visitors_to_log_in(client, report, report_document):
    PageViewRestriction.objects.create(page=report, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(report.download_url(report_document.pk))
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert client.get(report_document.url).status_code == 404
    assert downloads_of(report_document) == 0


def test_wagtail_document_address_leads_to_the_counted_download(client, report, report_document):
    response = client.get(report_document.url)
    assert response.status_code == 302
    assert response["Location"] == report.download_url(report_document.pk)


def test_other_files_are_saved_as_an_attachment(client, publication_index):
    document = make_document("Werkblad intervisie", "werkblad.docx", docx_bytes())
    page = make_publication(publication_index, "Werkblad", documents=[document])
    response = client.get(page.download_url(document.pk))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(
        'attachment; filename="Werkblad intervisie.docx"'
    )
    assert "object-src 'none'" in response["Content-Security-Policy"]


def test_pdf_policy_lets_the_browser_viewer_show_it(client, report, report_document):
    response = client.get(report.download_url(report_document.pk))
    policy = response["Content-Security-Policy"]
    assert "object-src 'self'" in policy
    assert "script-src" not in policy and "default-src 'none'" in policy
