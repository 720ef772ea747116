"""Stuur herinneringen (een week en een dag vooraf) aan aangemelde deelnemers. Run it from cron (see README, Agenda)."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Stuur herinneringen (een week en een dag vooraf) aan aangemelde deelnemers."

    def handle(self, *args, **options):
        from agenda.jobs import send_reminders as job

        count = job()
        self.stdout.write(f"{count} herinnering(en) verstuurd.")
