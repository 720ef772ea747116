"""Benchmark: precision@3 of the trainer proposals and recall@5 of the intake on a judged set."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from colleagues.evaluation import evaluate

DEFAULT = Path(settings.BASE_DIR) / "tests" / "colleagues" / "evaluation" / "questions.json"


class Command(BaseCommand):
    help = "Meet precision@3 van de voorgestelde collega's en recall@5 van de intake."

    def add_arguments(self, parser):
        parser.add_argument("--judged", default=str(DEFAULT))
        parser.add_argument("--verbose-misses", action="store_true")

    def handle(self, *args, judged, verbose_misses=False, **options):
        scores = evaluate(judged)
        self.stdout.write(
            f"{scores.questions} vragen: precision@3 {scores.precision_at_3:.3f}, "
            f"recall@5 intake {scores.intake_recall_at_5:.3f} "
            f"(strikt, goede voorstellen / 3: {scores.strict_precision_at_3:.3f})"
        )
        if verbose_misses:
            for query, proposals, titles in scores.misses:
                self.stdout.write(f"- {query}\n    collega's: {proposals}\n    intake: {titles}")
