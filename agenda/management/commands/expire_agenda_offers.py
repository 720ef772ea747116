"""Laat onbeantwoorde aanbiedingen van de wachtlijst verlopen en bied de plek de volgende aan. Run it from cron (see README, Agenda)."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Laat onbeantwoorde aanbiedingen van de wachtlijst verlopen en bied de plek de volgende aan."

    def handle(self, *args, **options):
        from agenda.services import expire_offers as job

        count = job()
        self.stdout.write(f"{count} aanbod/aanbiedingen verlopen.")
