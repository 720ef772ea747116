"""Reads the text of uploaded documents page by page (PDF, DOCX, ODT, PPTX, ODP) and stores it for search.

Extraction is started when a document is uploaded or its file replaced, and runs outside the
request: as a django-tasks task when a real task backend is configured, else in a thread.
`manage.py extract_publication_text` catches up with anything missed.
"""

import contextvars
import functools
import hashlib
import logging
import re
import tempfile
import threading
import zipfile

from django.conf import settings
from django.db import connections, transaction

from publications.file_checks import parse_package_xml
from publications.searching import INDEX_LANGUAGE

logger = logging.getLogger(__name__)

_mode_override = contextvars.ContextVar("publication_text_extraction", default=None)

MAX_CHARACTERS = 5_000_000  # of text per document; more is not a publication but a data dump
MAX_XML_BYTES = 200 * 1024 * 1024

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
DRAW_NS = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"


def _clean(text):
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def extract_pdf(file):
    from pypdf import PdfReader

    reader = PdfReader(file, strict=False)
    pages = []
    total = 0
    for page in reader.pages:
        try:
            text = _clean(page.extract_text() or "")
        except Exception:  # one unreadable page should not cost the rest of the document
            logger.warning("Could not read the text of a PDF page", exc_info=True)
            text = ""
        total += len(text)
        if total > MAX_CHARACTERS:
            break
        pages.append(text)
    return pages


def _read_part(archive, name):
    info = archive.getinfo(name)
    if info.file_size > MAX_XML_BYTES:
        raise ValueError(f"{name} is too large to read")
    return parse_package_xml(archive.read(name))


def extract_docx(file):
    """Pages as Word last laid them out (its rendered page breaks), plus explicit page breaks."""
    with zipfile.ZipFile(file) as archive:
        root = _read_part(archive, "word/document.xml")
    pages, current = [], []

    def new_page():
        if current:
            pages.append(_clean("".join(current)))
            current.clear()

    def walk(element):
        tag = element.tag
        if tag == f"{W}t":
            current.append(element.text or "")
        elif tag == f"{W}tab":
            current.append(" ")
        elif tag == f"{W}lastRenderedPageBreak":
            new_page()
        elif tag == f"{W}br":
            if element.get(f"{W}type") == "page":
                new_page()
            else:
                current.append("\n")
        for child in element:
            walk(child)
        if tag == f"{W}p":
            current.append("\n")

    walk(root)
    new_page()
    return pages or [""]


def _odf_walk(element, out, pages):
    """Collect the text under `element` into `out`; a soft page break closes a page into `pages`."""
    tag = element.tag
    if tag == f"{TEXT_NS}soft-page-break":
        pages.append(_clean("".join(out)))
        out.clear()
    elif tag == f"{TEXT_NS}s":
        out.append(" " * int(element.get(f"{TEXT_NS}c", "1")))
    elif tag == f"{TEXT_NS}tab":
        out.append(" ")
    elif tag == f"{TEXT_NS}line-break":
        out.append("\n")
    else:
        if element.text:
            out.append(element.text)
        for child in element:
            _odf_walk(child, out, pages)
            if child.tail:
                out.append(child.tail)
    if tag in (f"{TEXT_NS}p", f"{TEXT_NS}h"):
        out.append("\n")


def extract_odt(file):
    """Pages as the office suite last laid them out (its soft page breaks)."""
    with zipfile.ZipFile(file) as archive:
        root = _read_part(archive, "content.xml")
    body = root.find("{urn:oasis:names:tc:opendocument:xmlns:office:1.0}body")
    pages, current = [], []
    _odf_walk(body if body is not None else root, current, pages)
    pages.append(_clean("".join(current)))
    return pages


def extract_odp(file):
    """One page per slide."""
    with zipfile.ZipFile(file) as archive:
        root = _read_part(archive, "content.xml")
    pages = []
    for slide in root.iter(f"{DRAW_NS}page"):
        out = []
        _odf_walk(slide, out, [])
        pages.append(_clean("".join(out)))
    return pages or [""]


def extract_pptx(file):
    """One page per slide, in the order of the presentation."""
    with zipfile.ZipFile(file) as archive:
        names = [n for n in archive.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
        names.sort(key=lambda n: int(re.search(r"(\d+)\.xml$", n).group(1)))
        pages = []
        for name in names:
            root = _read_part(archive, name)
            paragraphs = [
                "".join(t.text or "" for t in p.iter(f"{A}t")) for p in root.iter(f"{A}p")
            ]
            pages.append(_clean("\n".join(paragraphs)))
    return pages or [""]


EXTRACTORS = {
    "pdf": extract_pdf,
    "docx": extract_docx,
    "odt": extract_odt,
    "odp": extract_odp,
    "pptx": extract_pptx,
}


def extract_pages(file, extension):
    """Return the text of `file` as a list with one string per page; [] if the type has no text."""
    extractor = EXTRACTORS.get(extension.lower())
    return extractor(file) if extractor else []


def extract_document_text(document_id):
    """Read and store the text of one document, then refresh the search index of its publications."""
    from wagtail.documents import get_document_model

    from publications.models import DocumentText

    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        return None
    record, _created = DocumentText.objects.get_or_create(document=document)
    extension = document.file_extension.lower()
    if extension not in EXTRACTORS:
        record.status, record.pages, record.error = DocumentText.Status.UNSUPPORTED, [], ""
        record.tokens = {}
        record.file_hash = document.file_hash
        record.save()
        return record
    try:
        with tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024) as copy:
            # Hash the very bytes we read, so a file replaced meanwhile is noticed next time.
            digest = hashlib.sha1()  # noqa: S324 -- the same fingerprint Wagtail keeps in file_hash
            with document.open_file() as source:
                for chunk in iter(lambda: source.read(1024 * 1024), b""):
                    digest.update(chunk)
                    copy.write(chunk)
            copy.seek(0)
            pages = extract_pages(copy, extension)
        record.status, record.pages, record.error = DocumentText.Status.DONE, pages, ""
        record.file_hash = digest.hexdigest()
        record.tokens = {}
        record.tokens_for(INDEX_LANGUAGE)  # analysed here, in the background, not during a search
    except Exception as error:  # a broken file must not stop the queue; the reason is kept
        logger.warning("Text extraction failed for document %s", document_id, exc_info=True)
        record.status, record.pages, record.tokens = DocumentText.Status.FAILED, [], {}
        record.error = f"{type(error).__name__}: {error}"[:2000]
        record.file_hash = document.file_hash
    record.save()
    if not document.file_hash and record.status == DocumentText.Status.DONE:
        type(document).objects.filter(pk=document.pk, file_hash="").update(
            file_hash=record.file_hash
        )
    reindex_publications_using(document.pk)
    return record


def reindex_publications_using(document_id):
    """Put the new text into the search index of every live publication that offers this document."""
    from wagtail.search import index

    from publications.models import PublicationPage

    pages = list(PublicationPage.objects.live().filter(files__document_id=document_id).distinct())
    for page in pages:
        index.insert_or_update_object(page)  # the database index
    try:
        from search import indexing, semantic
    except ImportError:
        return
    indexing.schedule(pages)  # Elasticsearch (its auto-update is off), retried when it is down
    semantic.embed_soon(pages)  # the vectors of its pages of text, in the background


def needs_extraction(document):
    from publications.models import DocumentText

    record = DocumentText.objects.filter(document=document).first()
    if record is None or record.status == DocumentText.Status.PENDING:
        return True
    return not document.file_hash or record.file_hash != document.file_hash


def schedule_extraction(document_id):
    """Start reading a document's text once the current transaction has been committed.

    `PUBLICATION_TEXT_EXTRACTION`: "auto" (a django-tasks task when a real backend is configured,
    else a background thread), "task", "thread" or "inline" (at once, in this process: tests).
    """
    from publications.models import DocumentText

    DocumentText.objects.update_or_create(
        document_id=document_id, defaults={"status": DocumentText.Status.PENDING}
    )
    mode = _mode_override.get() or getattr(settings, "PUBLICATION_TEXT_EXTRACTION", "auto")
    if mode == "inline":
        extract_document_text(document_id)
        return
    transaction.on_commit(functools.partial(_dispatch, document_id, mode))


class extracting_inline:
    """Read texts at once in this process (management commands, which are not requests)."""

    def __enter__(self):
        self._token = _mode_override.set("inline")

    def __exit__(self, *exc_info):
        _mode_override.reset(self._token)


def _uses_task_worker():
    try:
        from django_tasks import default_task_backend
        from django_tasks.backends.dummy import DummyBackend
        from django_tasks.backends.immediate import ImmediateBackend
    except ImportError:
        return False
    # The immediate backend would run the task inside the upload request; the dummy one never runs it.
    return not isinstance(default_task_backend, ImmediateBackend | DummyBackend)


def _dispatch(document_id, mode):
    if mode == "task" or (mode == "auto" and _uses_task_worker()):
        from publications.tasks import extract_document_text_task

        extract_document_text_task.enqueue(document_id)
        return
    threading.Thread(
        target=_extract_in_thread, args=(document_id,), name="publication-text", daemon=True
    ).start()


def _extract_in_thread(document_id):
    try:
        extract_document_text(document_id)
    except Exception:
        logger.exception("Text extraction thread failed for document %s", document_id)
    finally:
        connections.close_all()  # this thread's own connections
