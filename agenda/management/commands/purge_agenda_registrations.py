"""Erase registrations of activities that ended AGENDA_RETENTION_DAYS ago (anonymous counts stay),
and unconfirmed registrations whose link expired. Run it daily from cron (see README, Agenda)."""

from django.core.management.base import BaseCommand

from agenda.jobs import purge_registrations, retention_days


class Command(BaseCommand):
    help = (
        "Wis aanmeldingen van activiteiten die langer dan de bewaartermijn geleden zijn afgelopen."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Bewaartermijn in dagen.")

    def handle(self, *args, days=None, **options):
        days = retention_days() if days is None else days
        count = purge_registrations(days=days)
        self.stdout.write(f"{count} aanmelding(en) gewist (bewaartermijn {days} dagen).")
