"""`manage.py import_practices FILE`: import practice examples from JSON Lines or CSV."""

import sys
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from practices.importing.reader import FileProblem
from practices.importing.service import import_file


class ProgressBar:
    """A one-line progress bar, only when a person watches the terminal."""

    def __init__(self, stream):
        self.done, self.stream = 0, stream

    def __call__(self, count, total):
        self.done += count
        self.total = max(total, 1)
        width = 30
        filled = int(width * self.done / self.total)
        self.stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}")
        self.stream.flush()
        if self.done >= self.total:
            self.stream.write("\n")


class Command(BaseCommand):
    help = (
        "Importeert praktijkvoorbeelden uit een .jsonl- of .csv-bestand. Controleert eerst het hele "
        "bestand; bij één fout wordt niets geïmporteerd."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Pad naar een .jsonl- of .csv-bestand.")
        parser.add_argument(
            "--create-missing-terms",
            action="store_true",
            help="Maak onbekende thema's, beroepsgroepen en werkvormen aan in plaats van te weigeren.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Alleen controleren.")
        parser.add_argument(
            "--publish", action="store_true", help="Publiceren (standaard: concepten)."
        )
        parser.add_argument("--user", help="Gebruikersnaam die als auteur van de revisies geldt.")

    def handle(self, *args, file, create_missing_terms, dry_run, publish, user=None, **options):
        author = None
        if user:
            author = get_user_model().objects.filter(username=user).first()
            if author is None:
                raise CommandError(f"Gebruiker '{user}' bestaat niet.")
        stream = self.stderr._out if hasattr(self.stderr, "_out") else sys.stderr
        progress = None
        if not dry_run and stream.isatty():
            progress = ProgressBar(stream)
        started = time.perf_counter()
        try:
            result = import_file(
                file,
                create_missing_terms=create_missing_terms,
                dry_run=dry_run,
                publish=publish,
                user=author,
                progress=progress,
            )
        except FileProblem as problem:
            raise CommandError(str(problem)) from problem
        elapsed = time.perf_counter() - started
        if result.problems:
            for problem in result.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"Niets geïmporteerd: {len(result.problems)} probleem/problemen gevonden. "
                "Verbeter het bestand en probeer opnieuw."
            )
        if result.new_terms:
            verb = "Zou aanmaken" if dry_run else "Aangemaakt"
            self.stdout.write(f"{verb} (nieuwe termen): {', '.join(result.new_terms)}")
        if dry_run:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Bestand is in orde: {result.rows} praktijkvoorbeelden (niets geïmporteerd)."
                )
            )
            return
        summary = result.summary
        self.stdout.write(
            self.style.SUCCESS(
                f"Aangemaakt: {summary.created}, bijgewerkt: {summary.updated}, "
                f"ongewijzigd: {summary.unchanged} ({elapsed:.1f} s)."
            )
        )
