"""Erase personal data whose retention period has passed, for every model in the registry (run daily from cron)."""

from django.core.management.base import BaseCommand

from privacy.registry import registrations
from privacy.services import apply_retention


class Command(BaseCommand):
    help = "Wist persoonsgegevens waarvan de bewaartermijn verstreken is (alle geregistreerde soorten)."

    def handle(self, *args, **options):
        counts = apply_retention()
        for registration in registrations():
            if not registration.retentions:
                continue
            periods = ", ".join(
                f"{rule['days']} dagen" + (f" ({rule['applies_to']})" if rule["applies_to"] else "")
                for rule in registration.retention_summary()
            )
            self.stdout.write(
                f"{registration.label}: {counts.get(registration.key, 0)} gewist "
                f"(bewaartermijn {periods})"
            )
        if not counts:
            self.stdout.write("Niets te wissen.")
