"""Checks an uploaded file by its content before anything is stored: real type, size, encryption, integrity.

Public entry point: `check_file(file)`; it returns a `CheckedFile` or raises a `ValidationError`
with a Dutch message an editor can act on. Reused for contribution attachments.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePath
from xml.etree import ElementTree

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class FileType:
    key: str  # also the one extension a file of this type must have
    mime_type: str
    label: str  # Dutch, for messages: "een Word-document (DOCX)"

    @property
    def extension(self):
        return self.key


FILE_TYPES = {
    t.key: t
    for t in (
        FileType("pdf", "application/pdf", _("een PDF-bestand")),
        FileType(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            _("een Word-document (DOCX)"),
        ),
        FileType(
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            _("een Excel-werkmap (XLSX)"),
        ),
        FileType(
            "pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            _("een PowerPoint-presentatie (PPTX)"),
        ),
        FileType(
            "odt", "application/vnd.oasis.opendocument.text", _("een OpenDocument-tekst (ODT)")
        ),
        FileType(
            "ods",
            "application/vnd.oasis.opendocument.spreadsheet",
            _("een OpenDocument-rekenblad (ODS)"),
        ),
        FileType(
            "odp",
            "application/vnd.oasis.opendocument.presentation",
            _("een OpenDocument-presentatie (ODP)"),
        ),
        FileType("csv", "text/csv", _("een CSV-bestand")),
        FileType("txt", "text/plain", _("een tekstbestand")),
    )
}

PUBLICATION_TYPES = frozenset({"pdf", "docx", "odt", "xlsx", "ods", "pptx", "odp"})
TEXT_TYPES = frozenset({"csv", "txt"})

# Files we recognise only to name them in the refusal; they are never accepted.
OTHER_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", _("een afbeelding (PNG)")),
    (b"\xff\xd8\xff", _("een afbeelding (JPEG)")),
    (b"GIF87a", _("een afbeelding (GIF)")),
    (b"GIF89a", _("een afbeelding (GIF)")),
    (b"MZ", _("een programma (EXE)")),
    (b"\x7fELF", _("een programma")),
    (b"{\\rtf", _("een RTF-document")),
    (b"Rar!", _("een RAR-archief")),
    (b"7z\xbc\xaf\x27\x1c", _("een 7-Zip-archief")),
    (b"\x1f\x8b", _("een gzip-archief")),
)
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"

OOXML_MAIN_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "pptx",
}
ODF_MIME_TYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
# A document that unpacks to far more than it weighs is a zip bomb, not a report.
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024
MAX_MEMBERS = 20_000


@dataclass(frozen=True)
class CheckedFile:
    type: FileType
    size: int


class _Refusal(Exception):
    """Internal: carries the Dutch message and code up to check_file."""

    def __init__(self, message, code, params=None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.params = params or {}


def max_upload_bytes():
    return int(getattr(settings, "PUBLICATION_MAX_UPLOAD_MB", 50)) * 1024 * 1024


def allowed_list(allowed):
    names = [key.upper() for key in FILE_TYPES if key in allowed]
    if len(names) == 1:
        return names[0]
    return _("%(first)s en %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def check_file(file, name=None, *, allowed=PUBLICATION_TYPES, max_bytes=None):
    """Return what `file` really is, or raise ValidationError (Dutch message) if it may not be stored.

    `file` is any seekable binary file object (an UploadedFile, an open file, BytesIO);
    `name` defaults to `file.name`. The file position is left at the start.
    """
    name = PurePath(name or getattr(file, "name", "") or "").name
    max_bytes = max_upload_bytes() if max_bytes is None else max_bytes
    size = _size_of(file)
    if size == 0:
        raise ValidationError(
            _("Het bestand ‘%(name)s’ is leeg."), code="empty", params={"name": name}
        )
    if size > max_bytes:
        raise ValidationError(
            _("Het bestand ‘%(name)s’ is %(size)s; het maximum is %(max)s."),
            code="too_large",
            params={"name": name, "size": filesizeformat(size), "max": filesizeformat(max_bytes)},
        )
    extension = PurePath(name).suffix.lower().lstrip(".")
    try:
        file.seek(0)
        key, other_label = _detect(file, extension, allowed)
    except _Refusal as refusal:
        raise ValidationError(
            refusal.message, code=refusal.code, params={"name": name, **refusal.params}
        ) from None
    finally:
        file.seek(0)
    allowed_text = allowed_list(allowed)
    if key is None or key not in allowed:
        what = other_label or (FILE_TYPES[key].label if key else _("geen bekend bestandstype"))
        if extension in allowed and extension in FILE_TYPES:
            raise ValidationError(
                _(
                    "Volgens de naam is ‘%(name)s’ %(claimed)s, maar de inhoud is %(what)s. "
                    "Toegestaan zijn alleen %(allowed)s."
                ),
                code="type_mismatch",
                params={
                    "name": name,
                    "claimed": FILE_TYPES[extension].label,
                    "what": what,
                    "allowed": allowed_text,
                },
            )
        raise ValidationError(
            _(
                "Het bestand ‘%(name)s’ is %(what)s; dat bestandstype wordt niet geaccepteerd. "
                "Toegestaan zijn alleen %(allowed)s."
            ),
            code="type_not_allowed",
            params={"name": name, "what": what, "allowed": allowed_text},
        )
    file_type = FILE_TYPES[key]
    if extension != file_type.extension:
        raise ValidationError(
            _(
                "De inhoud van ‘%(name)s’ is %(what)s, maar de naam eindigt niet op ‘.%(extension)s’. "
                "Kies het juiste bestand of geef het de juiste extensie."
            ),
            code="type_mismatch",
            params={"name": name, "what": file_type.label, "extension": file_type.extension},
        )
    return CheckedFile(type=file_type, size=size)


def _size_of(file):
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, io.SEEK_END)
        size = file.tell()
        file.seek(0)
    return size


def _detect(file, extension, allowed):
    """Return (type key or None, label of a recognised but unsupported kind or None)."""
    head = file.read(1024)
    if b"%PDF-" in head:
        file.seek(0)
        _check_pdf(file)
        return "pdf", None
    if head.startswith(ZIP_SIGNATURE):
        file.seek(0)
        return _check_zip_package(file)
    if head.startswith(OLE_SIGNATURE):
        file.seek(0)
        if _ole_is_encrypted_package(file):
            raise _Refusal(
                _(
                    "Het bestand ‘%(name)s’ is met een wachtwoord beveiligd (versleuteld). "
                    "Sla het op zonder wachtwoord en probeer het opnieuw."
                ),
                "encrypted",
            )
        return None, _(
            "een ouder Office-bestand (DOC, XLS of PPT); sla het op als DOCX, XLSX of PPTX"
        )
    for signature, label in OTHER_SIGNATURES:
        if head.startswith(signature):
            return None, label
    if extension in TEXT_TYPES and extension in allowed and _looks_like_text(file):
        return extension, None
    if extension == "pdf":
        raise _Refusal(
            _(
                "Het bestand ‘%(name)s’ is geen geldig PDF-bestand: de inhoud begint niet als een PDF."
            ),
            "malformed",
        )
    return None, None


def _malformed(kind_label):
    return _Refusal(
        _(
            "Het bestand ‘%(name)s’ is beschadigd of onvolledig en kan niet als %(kind)s "
            "worden gelezen. Sla het opnieuw op of exporteer het opnieuw en probeer het nog eens."
        ),
        "malformed",
        {"kind": kind_label},
    )


def _encrypted():
    return _Refusal(
        _(
            "Het bestand ‘%(name)s’ is met een wachtwoord beveiligd (versleuteld). Lezers en de "
            "zoekfunctie kunnen het dan niet openen. Sla het op zonder beveiliging en probeer het opnieuw."
        ),
        "encrypted",
    )


def _check_pdf(file):
    from pypdf import PdfReader

    # A complete PDF ends with an end-of-file marker; a cut-off upload does not.
    file.seek(0, io.SEEK_END)
    end = file.tell()
    file.seek(max(0, end - 8192))
    if b"%%EOF" not in file.read():
        raise _malformed("PDF")
    file.seek(0)
    try:
        reader = PdfReader(file, strict=False)
        if reader.is_encrypted:
            raise _encrypted()
        if len(reader.pages) == 0:
            raise _malformed("PDF")
        reader.pages[0].mediabox  # noqa: B018 -- reading the first page proves the page tree works
    except _Refusal:
        raise
    except Exception:  # pypdf raises many kinds of errors on broken input; all mean "malformed"
        raise _malformed("PDF") from None


def _check_zip_package(file):
    try:
        archive = zipfile.ZipFile(file)
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise _malformed(_("Office- of OpenDocument-bestand")) from None
    if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        raise _Refusal(
            _("Het bestand ‘%(name)s’ pakt uit tot een onredelijk grote hoeveelheid gegevens."),
            "too_large_unpacked",
        )
    if any(member.flag_bits & 0x1 for member in members):
        raise _encrypted()
    names = {member.filename for member in members}
    try:
        if "mimetype" in names:
            key = _odf_type(archive, names)
        elif "[Content_Types].xml" in names:
            key = _ooxml_type(archive)
        else:
            return None, _("een zip-archief")
        if key is None:
            return None, _("een ander soort Office- of OpenDocument-bestand")
        if archive.testzip() is not None:
            raise _malformed(FILE_TYPES[key].extension.upper())
    except _Refusal:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error, ElementTree.ParseError):
        raise _malformed(_("Office- of OpenDocument-bestand")) from None
    return key, None


def _odf_type(archive, names):
    mime_type = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
    key = ODF_MIME_TYPES.get(mime_type)
    if key is None:
        return None
    if "META-INF/manifest.xml" not in names or "content.xml" not in names:
        raise _malformed(FILE_TYPES[key].extension.upper())
    # Password-protected OpenDocument files list how each part is encrypted in the manifest.
    if b"encryption-data" in archive.read("META-INF/manifest.xml"):
        raise _encrypted()
    return key


def _ooxml_type(archive):
    root = parse_package_xml(archive.read("[Content_Types].xml"))
    for element in root:
        key = OOXML_MAIN_TYPES.get(element.get("ContentType", ""))
        if key is not None:
            return key
    return None


def parse_package_xml(data):
    """Parse an XML part of an office package; a document type declaration is refused outright.

    Office and OpenDocument parts never declare one, and refusing it rules out entity expansion
    attacks (expat also limits those itself); the standard parser never fetches external resources.
    """
    if b"<!DOCTYPE" in data[:4096].upper() or b"<!ENTITY" in data.upper():
        raise ElementTree.ParseError("document type declarations are not allowed")
    return ElementTree.fromstring(data)  # noqa: S314 -- guarded above


def _ole_is_encrypted_package(file):
    # Password-protected DOCX/XLSX/PPTX are stored in an OLE container with an EncryptedPackage stream.
    data = file.read(4 * 1024 * 1024)
    return "EncryptedPackage".encode("utf-16-le") in data


def _looks_like_text(file):
    sample = file.read(64 * 1024)
    if b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut off at the end of the sample is still text.
        if error.start < len(sample) - 4:
            try:
                sample.decode("cp1252")
            except UnicodeDecodeError:
                return False
    return True
