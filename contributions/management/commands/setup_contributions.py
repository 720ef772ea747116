"""Create the contribution form page (Dutch and English), the private attachments collection, editor access."""

from django.core.management.base import BaseCommand

from contributions.setup import ensure_contributions


class Command(BaseCommand):
    help = (
        "Richt 'Deel je praktijkvoorbeeld' in: formulierpagina (nl/en), bijlagencollectie, rechten."
    )

    def handle(self, *args, **options):
        page = ensure_contributions()
        self.stdout.write(f"Formulier '{page.title}' staat klaar op {page.url}.")
