"""`manage.py build_embeddings`: (re)build the vectors of every live page search finds."""

import time

from django.core.management.base import BaseCommand

from search.semantic.encoder import encoders, model_name
from search.semantic.store import build_embeddings


class Command(BaseCommand):
    help = "Bouw de embeddings (zoeken op betekenis) van alle gepubliceerde pagina's opnieuw op."

    def add_arguments(self, parser):
        parser.add_argument(
            "--missing", action="store_true", help="alleen pagina's zonder embedding"
        )

    def handle(self, *args, missing=False, verbosity=1, **options):
        models = encoders()
        if not models:
            self.stdout.write(
                "Zoeken op betekenis staat uit of het model is niet te laden "
                f"(SEARCH_EMBEDDING_MODEL={model_name()!r}); niets gedaan."
            )
            return
        started = time.perf_counter()

        def progress(done, total):
            if verbosity > 1:
                self.stdout.write(f"{done}/{total}")

        made = build_embeddings(missing_only=missing, progress=progress)
        self.stdout.write(
            f"{made} embeddings gemaakt met {', '.join(e.name for e in models)} "
            f"in {time.perf_counter() - started:.1f} s"
        )
