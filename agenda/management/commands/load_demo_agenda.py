"""Creates the demo agenda (idempotent): part of `make run` through setup_site."""

from django.core.management.base import BaseCommand

from agenda.demo import ensure_agenda_index, load_demo_agenda
from home.site_structure import ensure_site_structure


class Command(BaseCommand):
    help = "Maak de agenda aan, met demo-activiteiten tenzij --no-demo."

    def add_arguments(self, parser):
        parser.add_argument("--no-demo", action="store_true", help="Alleen de agenda zelf.")

    def handle(self, *args, no_demo=False, **options):
        home = ensure_site_structure()
        if no_demo:
            ensure_agenda_index(home)
        else:
            load_demo_agenda(home)
        self.stdout.write("Agenda staat klaar.")
