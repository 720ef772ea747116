"""Creates the publication overview under the home page, in Dutch and English (idempotent)."""

from django.core.management.base import BaseCommand

from home.site_structure import ensure_site_structure
from publications.demo import ensure_index


class Command(BaseCommand):
    help = "Maak het overzicht publicaties aan (Nederlands en Engels) als het er nog niet is."

    def handle(self, *args, **options):
        index = ensure_index(ensure_site_structure())
        self.stdout.write(f"Overzicht publicaties staat klaar: {index.url}")
