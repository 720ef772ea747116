"""Loads the demo publications (idempotent): the 2015 report and a guide, with generated sample PDFs."""

from django.core.management.base import BaseCommand

from home.site_structure import ensure_site_structure
from publications.demo import load_demo_publications


class Command(BaseCommand):
    help = "Laad de demopublicaties (met voorbeeld-PDF's); wat er al is, blijft zoals het is."

    def handle(self, *args, **options):
        home = ensure_site_structure()
        pages = load_demo_publications(home, stdout=self.stdout)
        self.stdout.write(f"Demopublicaties staan klaar ({len(pages)}).")
