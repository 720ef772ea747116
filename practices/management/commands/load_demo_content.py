"""`manage.py load_demo_content`: the practice index and demo practices (Dutch, some in English).

Called by `setup_site`. Idempotent: practices that exist already are left as they are, so running
it twice, or after editors changed a demo page, changes nothing.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from practices.importing.service import import_file
from practices.setup import ensure_practices_setup

DEMO_FILE = Path(__file__).resolve().parents[2] / "demo" / "practices.jsonl"


class Command(BaseCommand):
    help = "Laadt de democontent: overzicht praktijkvoorbeelden en voorbeeldverhalen (idempotent)."

    def handle(self, *args, **options):
        ensure_practices_setup()
        result = import_file(DEMO_FILE, publish=True, skip_existing=True)
        if result.problems:
            raise CommandError(
                "Democontent klopt niet:\n" + "\n".join(str(problem) for problem in result.problems)
            )
        summary = result.summary
        self.stdout.write(
            f"Democontent: {summary.created} praktijkvoorbeelden aangemaakt, "
            f"{summary.unchanged} waren er al."
        )
