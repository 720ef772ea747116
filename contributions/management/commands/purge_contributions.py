"""Erase the personal data of submitters whose contribution was decided longer ago than the retention period."""

from django.core.management.base import BaseCommand

from contributions import conf
from contributions.privacy import purge_expired


class Command(BaseCommand):
    help = "Wist gegevens van inzenders na de bewaartermijn (CONTRIBUTION_RETENTION_DAYS)."

    def handle(self, *args, **options):
        count = purge_expired()
        self.stdout.write(
            f"{count} inzending(en) geanonimiseerd "
            f"(bewaartermijn {conf.get('CONTRIBUTION_RETENTION_DAYS')} dagen na besluit)."
        )
