"""Cron: mail the editors once about knowledge questions waiting too long."""

from django.core.management.base import BaseCommand
from django.db import transaction

from colleagues.reminders import send_reminders


class Command(BaseCommand):
    help = "Mailt de redactie één keer over kennisvragen die te lang wachten."

    def handle(self, *args, **options):
        with transaction.atomic():
            count = send_reminders()
        self.stdout.write(f"Herinnering over {count} kennisvragen verstuurd.")
