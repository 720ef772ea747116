"""Serves a publication's files at stable addresses and counts downloads without personal data."""

import logging
import re
import unicodedata
from urllib.parse import quote

from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse

from publications.file_checks import FILE_TYPES
from publications.models import DownloadCount

logger = logging.getLogger(__name__)

CHUNK = 64 * 1024
RANGE_PATTERN = re.compile(r"^bytes=(\d*)-(\d*)$")


def count_download(document_id):
    """Add one to the document's counter in a single UPDATE, so simultaneous downloads all count."""
    if DownloadCount.objects.filter(document_id=document_id).update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            DownloadCount.objects.create(document_id=document_id, count=1)
    except IntegrityError:  # another request created the row first
        DownloadCount.objects.filter(document_id=document_id).update(count=F("count") + 1)


def download_filename(document):
    """A readable file name from the document's title, with the extension of its real type."""
    extension = document.file_extension.lower()
    stem = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", document.title).strip(" .") or "document"
    stem = re.sub(r"\s+", " ", stem)[:150]
    return f"{stem}.{extension}" if extension else stem


# Browsers show these themselves; anything else (a Word or spreadsheet file) is saved.
SHOWN_IN_BROWSER = {"application/pdf"}
# Chromium's PDF viewer is an <embed> in a page of its own that takes the file's policy: the site's
# `object-src 'none'` would show "blocked" instead of the report (crbug.com/271452). A PDF is no
# HTML of ours, so it gets a policy of its own that allows only the viewer.
PDF_POLICY = (
    "default-src 'none'; object-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'"
)


def content_disposition(filename, disposition="attachment"):
    """`attachment` or `inline`, with an ASCII fallback and the exact UTF-8 name (RFC 6266, RFC 5987)."""
    ascii_name = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode()
    ascii_name = re.sub(r'["\\]', "", ascii_name).strip() or "download"
    return f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


def parse_range(header, size):
    """Return (start, end) inclusive for one satisfiable byte range, "unsatisfiable", or None (ignore)."""
    match = RANGE_PATTERN.match(header.strip()) if header else None
    if not match:
        return None  # absent, several ranges or another unit: answer with the whole file
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # the last N bytes
        length = int(last)
        if length == 0:
            return "unsatisfiable"
        return max(0, size - length), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or (last and int(last) < start):
        return "unsatisfiable"
    return start, end


def _read_range(handle, start, length):
    try:
        handle.seek(start)
        remaining = length
        while remaining > 0:
            chunk = handle.read(min(CHUNK, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk
    finally:
        handle.close()


def serve_publication_file(request, page, document_id):
    """The response for /<publication>/download/<document id>/: always the document's current file."""
    item = page.files.filter(document_id=document_id).select_related("document").first()
    if item is None:
        raise Http404("Dit bestand hoort niet bij deze publicatie.")
    document = item.document
    file_type = FILE_TYPES.get(document.file_extension.lower())
    content_type = file_type.mime_type if file_type else "application/octet-stream"
    try:
        size = document.file.size
    except (OSError, ValueError):
        logger.error("The file of document %s is missing from storage", document.pk)
        raise Http404("Het bestand is niet gevonden.") from None

    byte_range = parse_range(request.headers.get("Range", ""), size)
    if byte_range == "unsatisfiable":
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
    elif request.method == "HEAD":
        response = HttpResponse(content_type=content_type)
        response["Content-Length"] = str(size)
    else:
        # Only a request that starts at the first byte is a download; the rest of a resumed or
        # streamed download (a PDF viewer fetching pages) is the same download continuing.
        if byte_range is None or byte_range[0] == 0:
            count_download(document.pk)
        handle = document.file.open("rb")
        if byte_range is None:
            response = FileResponse(handle, content_type=content_type)
            response["Content-Length"] = str(size)
        else:
            start, end = byte_range
            response = StreamingHttpResponse(
                _read_range(handle, start, end - start + 1), status=206, content_type=content_type
            )
            response["Content-Range"] = f"bytes {start}-{end}/{size}"
            response["Content-Length"] = str(end - start + 1)
    response["Accept-Ranges"] = "bytes"
    shown = content_type in SHOWN_IN_BROWSER
    response["Content-Disposition"] = content_disposition(
        download_filename(document), "inline" if shown else "attachment"
    )
    if shown:
        response["Content-Security-Policy"] = PDF_POLICY
    # A shared cache would hide downloads from the counter and keep restricted files around.
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex"
    return response
