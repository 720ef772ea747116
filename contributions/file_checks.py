"""Checks an uploaded attachment by its content, not its name: only office documents and PDFs.

The checking itself is the publications app's (publications.file_checks.check_file), so a
contribution's attachment passes exactly the checks a publication's file does.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from publications.file_checks import check_file

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


@dataclass(frozen=True)
class FileProblem:
    message: str


def allowed_extensions_text():
    return ", ".join(ext.upper() for ext in ALLOWED)


def check_upload(upload, *, max_bytes):
    """Return a FileProblem, or None when the file may be stored."""
    try:
        check_file(upload, allowed=frozenset(ALLOWED), max_bytes=max_bytes)
    except ValidationError as error:
        return FileProblem(" ".join(error.messages))
    return None
