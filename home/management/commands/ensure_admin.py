"""Create the first administrator with a generated password, printed once; never a fixed password."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Maakt een beheerdersaccount aan als er nog geen is en toont het wachtwoord één keer."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--email", default="admin@example.org")

    def handle(self, *args, username, email, **options):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write(
                "Er is al een beheerdersaccount; het wachtwoord wordt niet opnieuw getoond."
            )
            return
        password = secrets.token_urlsafe(15)
        User.objects.create_superuser(username=username, email=email, password=password)
        self.stdout.write(
            self.style.SUCCESS(
                "Beheerdersaccount aangemaakt (bewaar dit wachtwoord, het wordt niet opnieuw getoond):"
            )
        )
        self.stdout.write(f"  gebruikersnaam: {username}")
        self.stdout.write(f"  wachtwoord:     {password}")
