"""Checks an uploaded attachment by its content, not its name: only office documents and PDFs.

Uses the publications app's checker (publications.file_checks.check_file) when it is installed;
the minimal check below is the fallback, to be removed once that checker is always there.
"""

import zipfile
from dataclasses import dataclass

import filetype
from django.utils.translation import gettext_lazy as _

# Extension → the content types the file's own bytes may reveal.
ALLOWED = {
    "pdf": {"application/pdf"},
    "docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    "xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    "pptx": {"application/vnd.openxmlformats-officedocument.presentationml.presentation"},
    "odt": {"application/vnd.oasis.opendocument.text"},
    "ods": {"application/vnd.oasis.opendocument.spreadsheet"},
    "odp": {"application/vnd.oasis.opendocument.presentation"},
}
OOXML_PREFIX = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
HEAD_BYTES = 8192


@dataclass(frozen=True)
class FileProblem:
    message: str


def extension_of(name):
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def allowed_extensions_text():
    return ", ".join(ext.upper() for ext in ALLOWED)


def _office_matches(upload, ext):
    """OOXML and OpenDocument files are zip archives; look inside rather than trust the name."""
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            if ext in OOXML_PREFIX:
                return "[Content_Types].xml" in names and any(
                    n.startswith(OOXML_PREFIX[ext]) for n in names
                )
            if "mimetype" in names:
                return archive.read("mimetype").decode("ascii", "replace").strip() in ALLOWED[ext]
            return False
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return False
    finally:
        upload.seek(0)


def check_upload(upload, *, max_bytes):
    """Return a FileProblem, or None when the file may be stored."""
    try:
        from publications.file_checks import check_file
    except ImportError:
        return _minimal_check(upload, max_bytes=max_bytes)
    from django.core.exceptions import ValidationError

    try:
        check_file(upload, allowed=frozenset(ALLOWED), max_bytes=max_bytes)
    except ValidationError as error:
        return FileProblem(" ".join(error.messages))
    return None


def _minimal_check(upload, *, max_bytes):
    name = upload.name or ""
    ext = extension_of(name)
    if ext not in ALLOWED:
        return FileProblem(
            _("%(name)s: dit soort bestand kunnen we niet aannemen. Toegestaan zijn %(allowed)s.")
            % {"name": name, "allowed": allowed_extensions_text()}
        )
    if upload.size == 0:
        return FileProblem(_("%(name)s is leeg.") % {"name": name})
    if upload.size > max_bytes:
        return FileProblem(
            _("%(name)s is te groot (%(size)s); het maximum is %(max)s per bestand.")
            % {
                "name": name,
                "size": f"{upload.size / (1024 * 1024):.1f} MB",
                "max": f"{max_bytes / (1024 * 1024):.0f} MB",
            }
        )
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    if ext in OOXML_PREFIX or ext in {"odt", "ods", "odp"}:
        ok = head.startswith(b"PK\x03\x04") and _office_matches(upload, ext)
    else:
        guessed = filetype.guess(head)
        ok = guessed is not None and guessed.mime in ALLOWED[ext]
    if not ok:
        return FileProblem(
            _(
                "%(name)s lijkt geen echt %(ext)s-bestand te zijn. Sla het opnieuw op als %(ext)s en probeer het nog eens."
            )
            % {"name": name, "ext": ext.upper()}
        )
    return None
