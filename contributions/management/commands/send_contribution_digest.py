"""Mail the editors about contributions that arrived while the notification throttle was holding mail back."""

from django.core.management.base import BaseCommand

from contributions.notifications import notify_editors


class Command(BaseCommand):
    help = "Stuurt de redactie een overzicht van nieuwe inzendingen waarover nog niet is gemaild."

    def handle(self, *args, **options):
        count = notify_editors()
        self.stdout.write(f"Redactie gemaild over {count} nieuwe inzending(en).")
