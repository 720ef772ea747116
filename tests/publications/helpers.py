"""Building blocks for publication tests: real files in every accepted format, documents and pages."""

import datetime
import io
import zipfile

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from publications.models import (
    PublicationFile,
    PublicationIndexPage,
    PublicationPage,
    PublicationPractice,
    PublicationProfessionalGroup,
    PublicationPublisher,
    PublicationTheme,
    Publisher,
)
from publications.sample_pdf import make_pdf

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def pdf_bytes(pages=None):
    return make_pdf(pages or ["Eerste pagina.", "Tweede pagina.", "Derde pagina."], title="Test")


def encrypted_pdf_bytes():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes())))
    writer.encrypt("geheim", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _zip(members, stored_first=None):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first:
            name, data = stored_first
            archive.writestr(name, data, compress_type=zipfile.ZIP_STORED)
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def docx_bytes(pages=("Hallo wereld.",)):
    """A minimal Word document; pages are separated by Word's rendered page breaks."""
    body = []
    for number, text in enumerate(pages):
        marker = "<w:lastRenderedPageBreak/>" if number else ""
        body.append(f"<w:p><w:r>{marker}<w:t>{text}</w:t></w:r></w:p>")
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'
        + "".join(body)
        + "</w:body></w:document>"
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    return _zip({"[Content_Types].xml": content_types, "word/document.xml": document})


def odt_bytes(pages=("Hallo wereld.",)):
    text_ns = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    office_ns = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    paragraphs = "<text:soft-page-break/>".join(f"<text:p>{t}</text:p>" for t in pages)
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="{office_ns}" '
        f'xmlns:text="{text_ns}"><office:body><office:text>{paragraphs}</office:text></office:body>'
        "</office:document-content>"
    )
    manifest = '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>'
    return _zip(
        {"META-INF/manifest.xml": manifest, "content.xml": content},
        stored_first=("mimetype", "application/vnd.oasis.opendocument.text"),
    )


def encrypted_odt_bytes():
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
        '<manifest:encryption-data manifest:checksum-type="SHA1"/></manifest:file-entry>'
        "</manifest:manifest>"
    )
    return _zip(
        {"META-INF/manifest.xml": manifest, "content.xml": "versleuteld"},
        stored_first=("mimetype", "application/vnd.oasis.opendocument.text"),
    )


def make_document(title, filename, data):
    """A document stored the way the admin stores one (with size and hash filled in)."""
    document = get_document_model()(title=title, file=ContentFile(data, name=filename))
    document._set_document_file_metadata()
    document.save()
    return document


def make_publication_index(home_page):
    index = PublicationIndexPage(title="Publicaties", slug="publicaties")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_publisher(name="Vereniging van Nederlandse Gemeenten", short_name="VNG", slug="vng"):
    return Publisher.objects.get_or_create(
        slug=slug, defaults={"name": name, "short_name": short_name}
    )[0]


def make_publication(
    index,
    title,
    *,
    documents=(),
    publishers=None,
    themes=(),
    professional_groups=(),
    practices=(),
    publication_date=datetime.date(2015, 5, 1),
    summary="Een publicatie over lerend werken.",
    publish=True,
    **fields,
):
    page = PublicationPage(
        title=title,
        summary=summary,
        publication_date=publication_date,
        live=publish,
        **fields,
    )
    page.publication_publishers = [
        PublicationPublisher(publisher=p) for p in (publishers or [make_publisher()])
    ]
    page.files = [PublicationFile(document=d) for d in documents]
    page.publication_themes = [PublicationTheme(theme=t) for t in themes]
    page.publication_professional_groups = [
        PublicationProfessionalGroup(professional_group=g) for g in professional_groups
    ]
    page.discussed_practices = [PublicationPractice(practice=p) for p in practices]
    index.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page
