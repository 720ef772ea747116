"""`manage.py export_practices --format jsonl|csv`: write practices in the import format."""

import sys

from django.core.management.base import BaseCommand, CommandError

from practices.importing.export import pages_to_export, record_for, write_csv, write_jsonl


class Command(BaseCommand):
    help = "Exporteert praktijkvoorbeelden in het importformaat (JSON Lines of CSV)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
        parser.add_argument(
            "--output", "-o", help="Bestand om naar te schrijven (standaard: uitvoer)."
        )
        parser.add_argument("--language", help="Alleen deze taal, bijvoorbeeld nl of en.")

    def handle(self, *args, format, output=None, language=None, **options):
        records = (record_for(page) for page in pages_to_export(language))
        writer = write_csv if format == "csv" else write_jsonl
        if output:
            try:
                with open(output, "w", encoding="utf-8", newline="") as stream:
                    count = writer(records, stream)
            except OSError as error:
                raise CommandError(f"Kan '{output}' niet schrijven: {error.strerror}") from error
            self.stderr.write(f"{count} praktijkvoorbeelden geschreven naar {output}.")
        else:
            writer(records, sys.stdout if self.stdout._out is sys.stdout else self.stdout)
