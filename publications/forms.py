"""The document upload form of the admin: every uploaded file is checked by its content first."""

from django.conf import settings
from wagtail.documents.forms import BaseDocumentForm

from publications.file_checks import FILE_TYPES, check_file


def allowed_document_types():
    """The types the site accepts as documents: those of WAGTAILDOCS_EXTENSIONS that we can check."""
    extensions = getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or list(FILE_TYPES)
    return frozenset(e.lower() for e in extensions if e.lower() in FILE_TYPES)


class CheckedDocumentForm(BaseDocumentForm):
    """Refuses a file whose content is not what its name says, is encrypted, damaged or too large.

    The errors belong to the `file` field, so the multiple uploader shows them per file and
    nothing is stored (Wagtail keeps an upload aside only for errors in other fields).
    """

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data:
            check_file(file, allowed=allowed_document_types())
        return file

    class Meta(BaseDocumentForm.Meta):
        pass
