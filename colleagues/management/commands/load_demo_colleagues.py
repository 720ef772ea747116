"""Demo colleague-trainers (with consent), an answered and two open knowledge questions."""

from django.core.management.base import BaseCommand

from colleagues.setup import load_demo_colleagues
from home.site_structure import ensure_site_structure


class Command(BaseCommand):
    help = "Laadt demo-collega's en kennisvragen (voegt alleen toe wat ontbreekt)."

    def handle(self, *args, **options):
        added = load_demo_colleagues(ensure_site_structure())
        self.stdout.write(f"Collega's en kennisvragen staan klaar ({added} profielen toegevoegd).")
