"""`manage.py load_municipality_figures FILE --year 2025`: load a newer edition of CBS's key figures
per municipality (Kerncijfers wijken en buurten), in the columns of practices/data/SOURCES.md."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from changes.announce import content_has_changed, one_change
from practices.figures import CBS_SOURCE, FiguresFileError, read_figures_file, store_figures
from practices.models import Municipality, MunicipalityFigures, PracticePage


class Command(BaseCommand):
    help = (
        "Laadt de CBS-kerncijfers per gemeente (inwoners, bevolkingsdichtheid, woningen, "
        "oppervlakte) uit een CSV-bestand. Controleert eerst het hele bestand; bij één fout "
        "verandert er niets."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="CSV (UTF-8) met de kolommen van practices/data/SOURCES.md."
        )
        parser.add_argument(
            "--year", type=int, required=True, help="Peiljaar: de cijfers gelden op 1 januari."
        )
        parser.add_argument("--source", default="", help=f"Bron, standaard '{CBS_SOURCE} <jaar>'.")
        parser.add_argument(
            "--allow-older",
            action="store_true",
            help="Ook laden als het peiljaar ouder is dan dat van de geladen cijfers.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Alleen controleren, niets opslaan."
        )

    def handle(self, *args, file, year, source, allow_older, dry_run, **options):
        if not 1990 <= year <= 2100:
            raise CommandError(f"--year: {year} is geen peiljaar (bijv. 2025).")
        loaded = MunicipalityFigures.objects.order_by("-year").values_list("year", flat=True)
        loaded_year = loaded.first()
        if loaded_year and year < loaded_year and not allow_older:
            raise CommandError(
                f"De geladen cijfers zijn van {loaded_year}; {year} is ouder. "
                "Gebruik --allow-older als je dat echt wilt."
            )
        known = set(Municipality.objects.filter(is_current=True).values_list("cbs_code", flat=True))
        try:
            rows = read_figures_file(file, known)
        except FiguresFileError as error:
            raise CommandError(
                f"{file}: niets geladen, {len(error.problems)} probleem/problemen:\n"
                + "\n".join(error.problems)
            ) from None
        if dry_run:
            self.stdout.write(f"{len(rows)} gemeenten gecontroleerd; niets opgeslagen (--dry-run).")
            return
        with transaction.atomic(), one_change(reason="figures"):
            count = store_figures(
                rows, year, source or f"{CBS_SOURCE} {year}", Municipality, MunicipalityFigures
            )
            content_has_changed(reason="figures")
            # Each practice's size class and "lijkt op" municipalities may have changed: the
            # search engine gets them again after commit (the database path reads them anew).
            transaction.on_commit(reindex_practices_in_engine)
        self.stdout.write(self.style.SUCCESS(f"Kerncijfers {year} geladen voor {count} gemeenten."))


def reindex_practices_in_engine():
    from search.backends.elasticsearch import get_engine_backend
    from search.indexing import reindex_pages_task

    if get_engine_backend() is None:
        return
    ids = list(PracticePage.objects.live().values_list("id", flat=True))
    for start in range(0, len(ids), 500):
        reindex_pages_task.enqueue(ids[start : start + 500])
