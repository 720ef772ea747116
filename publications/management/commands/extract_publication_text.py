"""Reads the text of documents whose text is missing, outdated, pending or failed (catch-up after a crash)."""

from django.core.management.base import BaseCommand
from wagtail.documents import get_document_model

from publications.extraction import EXTRACTORS, extract_document_text, needs_extraction
from publications.models import DocumentText


class Command(BaseCommand):
    help = "Lees de tekst van documenten waarvan de tekst nog ontbreekt of verouderd is."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Alle documenten opnieuw lezen.")
        parser.add_argument(
            "--retry-failed", action="store_true", help="Mislukte opnieuw proberen."
        )
        parser.add_argument("document_ids", nargs="*", type=int, help="Alleen deze documenten.")

    def handle(self, *args, document_ids=(), all=False, retry_failed=False, **options):
        documents = get_document_model().objects.order_by("pk")
        if document_ids:
            documents = documents.filter(pk__in=document_ids)
        failed = set(
            DocumentText.objects.filter(status=DocumentText.Status.FAILED).values_list(
                "document_id", flat=True
            )
        )
        done = 0
        for document in documents.iterator():
            if document.file_extension.lower() not in EXTRACTORS:
                continue
            wanted = (
                all
                or bool(document_ids)
                or needs_extraction(document)
                or (retry_failed and document.pk in failed)
            )
            if not wanted:
                continue
            record = extract_document_text(document.pk)
            done += 1
            self.stdout.write(
                f"{document.pk} {document.title}: {record.get_status_display()}"
                + (f", {record.page_count} pagina's" if record.pages else "")
            )
        self.stdout.write(f"Tekst gelezen van {done} document(en).")
