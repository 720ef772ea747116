"""The colleagues overview and the knowledge-question intake, with the editors' permissions."""

from django.core.management.base import BaseCommand

from colleagues.setup import ensure_colleagues_setup
from home.site_structure import ensure_site_structure


class Command(BaseCommand):
    help = "Maakt het overzicht collega's en de pagina 'Stel je kennisvraag' aan."

    def handle(self, *args, **options):
        ensure_colleagues_setup(ensure_site_structure())
        self.stdout.write("Overzicht collega's en 'Stel je kennisvraag' staan klaar.")
