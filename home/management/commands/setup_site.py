"""Everything `make run` needs before serving: site structure, demo content, an admin account, the index.

Safe to run again: each step only adds what is missing.
"""

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand

from home.information_pages import ensure_information_pages
from home.site_structure import ensure_site_structure
from practices.setup import ensure_practices_setup


class Command(BaseCommand):
    help = "Richt de site in: talen, homepagina, democontent, beheerder en zoekindex."

    def add_arguments(self, parser):
        parser.add_argument("--no-demo", action="store_true", help="Geen democontent laden.")
        parser.add_argument(
            "--no-admin", action="store_true", help="Geen beheerdersaccount aanmaken."
        )

    def handle(self, *args, no_demo=False, no_admin=False, **options):
        home = ensure_site_structure()
        self.stdout.write("Talen en homepagina staan klaar.")
        ensure_information_pages(home)
        self.stdout.write(
            "Contact, privacyverklaring, toegankelijkheidsverklaring en colofon staan klaar."
        )
        ensure_practices_setup(home)
        self.stdout.write(
            "Overzicht praktijkvoorbeelden, indeling en redactieworkflow staan klaar."
        )
        call_command("setup_contributions", stdout=self.stdout)
        call_command("setup_publications", stdout=self.stdout)
        call_command("setup_colleagues", stdout=self.stdout)
        if not no_demo and "load_demo_content" in get_commands():
            call_command("load_demo_content", stdout=self.stdout)
        if not no_demo:
            # After the practices, so the demo publications can link to them.
            call_command("load_demo_publications", stdout=self.stdout)
            call_command("load_demo_colleagues", stdout=self.stdout)
        # The agenda (and, with demo content, its activities and the colleague-trainers giving them).
        call_command("load_demo_agenda", no_demo=no_demo, stdout=self.stdout)
        if not no_admin:
            call_command("ensure_admin", stdout=self.stdout)
        call_command("update_index", stdout=self.stdout)
