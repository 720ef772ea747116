"""Readers find a publication by a word inside its file and see on which page it is."""

from publications.models import DocumentText
from tests.publications.helpers import docx_bytes, make_document, make_publication, odt_bytes


def test_word_only_on_page_3_finds_the_publication_and_names_the_page(
    client, report, publication_index
):
    response = client.get(publication_index.url, {"q": "kwartiermakersoverleg"})
    text = response.content.decode()
    assert response.status_code == 200
    assert report.title in text
    assert "Gevonden in Overheidsprofessionals werken aan nieuwe rollen op p. 3" in text
    assert "<mark>kwartiermakersoverleg</mark>" in text


def test_page_hit_opens_the_pdf_at_that_page(client, report, report_document, publication_index):
    text = client.get(publication_index.url, {"q": "kwartiermakersoverleg"}).content.decode()
    assert f'href="{report.download_url(report_document.pk)}#page=3"' in text


def test_inflected_form_finds_the_same_page(client, report, publication_index):
    # Page 1 says "decentralisaties"; the singular finds it through the search's Dutch stemming.
    response = client.get(publication_index.url, {"q": "decentralisatie"})
    assert "op p. 1" in response.content.decode()


def test_word_in_no_file_finds_nothing(client, report, publication_index):
    response = client.get(publication_index.url, {"q": "zeppelinhaven"})
    text = response.content.decode()
    assert report.title not in text
    assert "Geen publicaties gevonden" in text


def test_text_is_read_per_page_when_the_file_is_uploaded(report_document):
    record = DocumentText.objects.get(document=report_document)
    assert record.status == DocumentText.Status.DONE
    assert record.page_count == 4
    assert "kwartiermakersoverleg" in record.pages[2]


def test_replacing_the_file_reads_the_new_text(client, report, report_document, publication_index):
    from django.core.files.base import ContentFile

    from publications.sample_pdf import make_pdf

    report_document.file = ContentFile(
        make_pdf(["Nieuw", "Nu met de wijkverpleegkundige."]), name="v2.pdf"
    )
    report_document._set_document_file_metadata()
    report_document.save()
    assert DocumentText.objects.get(document=report_document).page_count == 2
    text = client.get(publication_index.url, {"q": "wijkverpleegkundige"}).content.decode()
    assert "op p. 2" in text
    old_word = client.get(publication_index.url, {"q": "kwartiermakersoverleg"}).content.decode()
    assert "Geen publicaties gevonden" in old_word


def test_word_document_pages_follow_its_page_breaks(publication_index):
    document = make_document(
        "Notitie", "notitie.docx", docx_bytes(["Eerste.", "Tweede.", "Derde teamcoach."])
    )
    assert DocumentText.objects.get(document=document).pages == [
        "Eerste.",
        "Tweede.",
        "Derde teamcoach.",
    ]


def test_opendocument_text_pages_follow_its_page_breaks(publication_index):
    document = make_document("Notitie", "notitie.odt", odt_bytes(["Een.", "Twee intervisie."]))
    assert DocumentText.objects.get(document=document).pages == ["Een.", "Twee intervisie."]


def test_page_number_is_found_in_a_word_document_too(client, publication_index):
    document = make_document(
        "Werkboek", "werkboek.docx", docx_bytes(["Inleiding.", "Over de casuïstiekbespreking."])
    )
    make_publication(publication_index, "Werkboek intervisie", documents=[document])
    text = client.get(publication_index.url, {"q": "casuistiekbespreking"}).content.decode()
    assert "Gevonden in Werkboek op p. 2" in text


def test_search_pipeline_gets_publications_as_their_own_type(report, publication_index):
    from publications.searching import locate
    from search.pipeline import load_docs, query_plan

    docs = load_docs(publication_index.locale_id, types={"publicatie"})
    assert [(d.page_id, d.document_type, d.date.year) for d in docs.values()] == [
        (report.pk, "publicatie", 2015)
    ]
    matches = locate(report, query_plan("kwartiermakersoverleg", "nl"))
    assert [(m.label, m.pages) for m in matches] == [(report.files.first().label, [3])]
    assert "<mark>kwartiermakersoverleg</mark>" in matches[0].excerpt
