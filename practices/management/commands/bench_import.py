"""`manage.py bench_import`: generate N practices, import them, and print practices per second;
then make the same practices with a plain loop of `add_child` + `save_revision().publish()` beneath
a second parent, and print its rate and the ratio.

With `--sizes 1000,10000,50000` it grows one database to each size in turn instead, importing only
the practices a size adds to the one before (the same generated rows at any size), and prints one
table row per size: does the import cost per practice grow with the bank?

Run it on a throwaway database (`make bench-import` does); it checks afterwards that the page tree
is valid, every page has a (live) revision and the search index holds every page.
"""

import itertools
import json
import os
import random
import resource
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings
from wagtail.models import Page, Revision
from wagtail.search.backends import get_search_backend

from practices.importing.reader import read_rows
from practices.importing.service import import_file
from practices.importing.validate import Validator
from practices.models import (
    Municipality,
    PracticeIndexPage,
    PracticePage,
    ProfessionalGroup,
    Theme,
)
from practices.setup import ensure_practices_setup
from search.semantic.encoder import encoders
from search.semantic.store import embed_pages

# Search by meaning is left out of the timed import and plain loop: after an import (and after a
# publish) its vectors are made by a background task (search.semantic.store.embed_pages_task) in
# the worker, never inside the import. Its cost is measured on its own, on a sample.
WITHOUT_EMBEDDINGS = override_settings(SEARCH_EMBEDDING_MODEL="")

WORDS = (
    "gemeente team inwoners keukentafel bedoeling wijkteam jeugdhulp inkoop netwerk leren "
    "intervisie casus gesprek beleid uitvoering vertrouwen ruimte regels samenwerking"
).split()


def generated_rows(count, seed=2015):
    rng = random.Random(seed)
    municipalities = list(Municipality.objects.values_list("cbs_code", flat=True))
    themes = list(Theme.objects.filter(locale__language_code="nl").values_list("name", flat=True))
    groups = list(
        ProfessionalGroup.objects.filter(locale__language_code="nl").values_list("name", flat=True)
    )

    def sentence(words=12):
        return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."

    for number in range(count):
        yield {
            "id": f"bench-{number:06d}",
            "title": f"Praktijkvoorbeeld {number}: {sentence(4)[:-1]}",
            "municipality": rng.choice(municipalities),
            "themes": rng.sample(themes, 2),
            "professional_groups": rng.sample(groups, 1),
            "summary": sentence(20),
            "situation": "\n\n".join(sentence() for _ in range(3)),
            "approach": "\n\n".join(sentence() for _ in range(3)),
            "results": sentence(),
            "lessons": sentence(),
            "date": f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-01",
            "tags": [rng.choice(WORDS)],
        }


def write_rows(path, rows):
    with open(path, "w", encoding="utf-8") as stream:
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")


def bench_practices():
    return PracticePage.objects.filter(external_id__startswith="bench-")


def timed_import(rows, publish=True, out=None):
    """Import rows from a temporary file; returns the result, seconds and CPU seconds (of this
    process: the database server's CPU is not in it). With `out`, a line every 1,000 practices."""
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "bench.jsonl"
        write_rows(path, rows)
        started, cpu_started = time.perf_counter(), time.process_time()
        written = [0]

        def progress(count, total):
            # Every 1,000 practices: does the cost per practice grow with the site?
            written[0] += count
            if out is not None and (written[0] % 1000 == 0 or written[0] == total):
                out.write(
                    f"  {written[0]}/{total}: {time.perf_counter() - started:.0f} s, "
                    f"CPU {time.process_time() - cpu_started:.0f} s"
                )
                out.flush()

        with WITHOUT_EMBEDDINGS:
            result = import_file(path, publish=publish, progress=progress)
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
    if result.problems:
        raise CommandError("\n".join(str(problem) for problem in result.problems[:10]))
    return result, elapsed, cpu


def grow_to(size, publish=True, out=None):
    """Grow the bank to `size` generated practices by importing only the ones it lacks (rows
    number `existing` to `size - 1` of the generator, so every size holds the same practices).
    Returns (practices added, seconds, CPU seconds of this process)."""
    existing = bench_practices().count()
    if existing > size:
        raise CommandError(
            f"Deze database bevat al {existing} benchmarkvoorbeelden, meer dan {size}."
        )
    if existing == size:
        return 0, 0.0, 0.0
    if out is not None:
        out.write(f"{existing} → {size} praktijkvoorbeelden: {size - existing} importeren …")
    rows = itertools.islice(generated_rows(size), existing, None)
    result, elapsed, cpu = timed_import(rows, publish, out=out)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would after a bulk load (not timed)
    return result.summary.created, elapsed, cpu


def load_average():
    return "/".join(f"{value:.1f}" for value in os.getloadavg())


def plain_parent():
    """A second practice index beside the real one, for the plain loop's pages: same kind of
    parent, same locale, but its own children (slugs, tree positions) and not the import's."""
    index = PracticeIndexPage.objects.filter(locale__language_code="nl").order_by("path").first()
    parent = PracticeIndexPage(title="Benchmark (gewone lus)", slug="benchmark-gewone-lus")
    index.get_parent().add_child(instance=parent)
    return parent


def plain_loop(rows):
    """The same practices the way a script without the importer would make them: one page at a
    time through Wagtail's API, every receiver doing its own work on every save. Reading and
    checking the rows is timed too, as in the import."""
    from practices.importing.writer import (
        ChildSlugs,
        LinkKeys,
        create_missing_terms,
        ensure_tags,
        new_page,
    )

    parent = plain_parent()
    validator = Validator()
    plans, problems = validator.validate(rows)
    if problems:
        raise CommandError("\n".join(str(problem) for problem in problems[:10]))
    create_missing_terms(validator.terms)
    tags, link_keys, slugs = ensure_tags(plans), LinkKeys(), ChildSlugs()
    for plan in plans:
        page = new_page(plan, tags, link_keys, slugs=slugs[parent], user=None)
        parent.add_child(instance=page)
        page.save_revision(log_action=True).publish()
    return len(plans)


class Command(BaseCommand):
    help = (
        "Meet de importsnelheid met gegenereerde praktijkvoorbeelden (gebruik een wegwerpdatabase)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=10_000)
        parser.add_argument("--publish", action="store_true", default=True)
        parser.add_argument("--drafts", dest="publish", action="store_false")
        parser.add_argument(
            "--changed",
            type=int,
            default=200,
            help="afterwards, re-import the file with this many practices changed (0: skip)",
        )
        parser.add_argument(
            "--embed",
            type=int,
            default=200,
            help="time the embeddings (search by meaning) of this many imported practices (0: skip)",
        )
        parser.add_argument(
            "--plain",
            type=int,
            default=None,
            help="practices for the plain add_child/save_revision/publish loop (default: --count; 0: skip)",
        )
        parser.add_argument(
            "--sizes",
            default="",
            help="e.g. 1000,10000,50000: grow one database to each size in turn (importing only "
            "the difference) and print a table row per size; --count, --plain, --changed and "
            "--embed are then not used",
        )

    def timed_import(self, rows, publish):
        """Import rows from a temporary file; returns the result, seconds and CPU seconds."""
        return timed_import(rows, publish, out=self.stdout)

    def timed_plain_loop(self, count):
        """The plain loop over the same generated practices (other ids, another parent)."""
        rows = (
            {**row, "id": row["id"].replace("bench-", "plain-")} for row in generated_rows(count)
        )
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "plain.jsonl"
            write_rows(path, rows)
            started, cpu_started = time.perf_counter(), time.process_time()
            with WITHOUT_EMBEDDINGS:
                made = plain_loop(read_rows(path)[0])
            elapsed = time.perf_counter() - started
            cpu = time.process_time() - cpu_started
        return made, elapsed, cpu

    def reimport(self, count, changed, publish):
        """Re-import the same file, with the first `changed` practices edited: what editors run
        after correcting a spreadsheet. Unchanged practices are compared, changed ones get a new
        revision through Wagtail's own save_revision and publish."""
        rows = list(generated_rows(count))
        for row in rows[:changed]:
            row["summary"] += " Bijgewerkt."
        result, elapsed, _cpu = self.timed_import(rows, publish)
        summary = result.summary
        self.stdout.write(
            f"opnieuw importeren: {summary.unchanged} ongewijzigd, {summary.updated} bijgewerkt "
            f"in {elapsed:.1f} s"
        )

    def timed_embeddings(self, count):
        """CPU seconds per practice for the background task that embeds imported practices."""
        models = encoders()
        if not count or not models:
            return None
        ids = list(
            PracticePage.objects.filter(external_id__startswith="bench-")
            .order_by("id")
            .values_list("id", flat=True)[:count]
        )
        # The models are loaded (encoders()) before the clock starts: once per worker, not per
        # practice. Each practice gets a vector from each model.
        started = time.process_time()
        made = embed_pages(ids)
        return (time.process_time() - started) / max(made / len(models), 1)

    def handle(self, *args, count, publish, changed, plain, embed, sizes, **options):
        ensure_practices_setup()
        if sizes:
            return self.curve(parse_sizes(sizes), publish)
        if PracticePage.objects.filter(external_id__startswith="bench-").exists():
            raise CommandError("Deze database bevat al een benchmark; gebruik een lege database.")
        plain = count if plain is None else plain
        self.stdout.write(f"{count} praktijkvoorbeelden genereren en importeren …")
        result, elapsed, cpu = self.timed_import(generated_rows(count), publish)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux

        imported = PracticePage.objects.filter(external_id__startswith="bench-")
        tree_problems = [problems for problems in Page.find_problems() if problems]
        pages_without_revision = imported.filter(latest_revision__isnull=True).count()
        revisions = Revision.objects.filter(
            object_id__in=[str(pk) for pk in imported.values_list("pk", flat=True)]
        ).count()
        found = get_search_backend().search("Praktijkvoorbeeld", PracticePage).count()
        created = result.summary.created
        rate = created / elapsed
        self.stdout.write(
            f"geïmporteerd: {created} in {elapsed:.1f} s (CPU van dit proces: {cpu:.1f} s)"
        )
        self.stdout.write(self.style.SUCCESS(f"praktijkvoorbeelden per seconde: {rate:.1f}"))
        # On a busy machine wall-clock time mostly measures the neighbours; CPU time does not.
        self.stdout.write(f"per seconde CPU-tijd van dit proces: {created / cpu:.1f}")
        self.stdout.write(f"piekgeheugen van dit proces: {peak:.0f} MiB")
        self.stdout.write(f"boomproblemen (Page.find_problems): {len(tree_problems)}")
        self.stdout.write(
            f"revisies: {revisions}, pagina's zonder revisie: {pages_without_revision}"
        )
        self.stdout.write(
            f"live: {imported.filter(live=True, live_revision__isnull=False).count()}"
        )
        self.stdout.write(f"in de zoekindex (zoekt 'Praktijkvoorbeeld'): {found}")
        if settings.TASKS_BACKEND == "database":
            from django_tasks_db.models import DBTaskResult

            queued = DBTaskResult.objects.filter(task_path__endswith="for_practices").count()
            self.stdout.write(
                f"referentie-index: {queued} achtergrondtaken in de wachtrij voor de worker "
                "(manage.py db_worker), één per blok geïmporteerde pagina's"
            )
        else:
            self.stdout.write("referentie-index: bijgewerkt tijdens de import (geen worker)")
        if changed:
            self.reimport(count, min(changed, count), publish)
        embed_cpu = self.timed_embeddings(min(embed, count))
        if embed_cpu is not None:
            self.stdout.write(
                f"embeddings (zoeken op betekenis, achtergrondtaak na de import): "
                f"{embed_cpu * 1000:.0f} ms CPU per praktijkvoorbeeld, "
                f"voor {count}: {embed_cpu * count:.0f} CPU-s"
            )
        made = plain_elapsed = plain_cpu = None
        if plain:
            made, plain_elapsed, plain_cpu = self.timed_plain_loop(plain)
            plain_rate = made / plain_elapsed
            self.stdout.write(
                f"gewone lus (add_child + save_revision + publish): {made} in "
                f"{plain_elapsed:.1f} s (CPU: {plain_cpu:.1f} s)"
            )
            self.stdout.write(f"gewone lus, praktijkvoorbeelden per seconde: {plain_rate:.1f}")
            self.stdout.write(
                f"gewone lus, per seconde CPU-tijd van dit proces: {made / plain_cpu:.1f}"
            )
            self.stdout.write(
                self.style.SUCCESS(
                    f"import / gewone lus: {rate / plain_rate:.2f}x "
                    f"(CPU-tijd: {(created / cpu) / (made / plain_cpu):.2f}x)"
                )
            )
        self.stdout.write(
            "| database | praktijkvoorbeelden | import s (wand) | import CPU-s | per CPU-s | "
            "gewone lus per CPU-s | verhouding | piekgeheugen MiB | embeddings CPU-s (apart) |"
        )
        plain_per_cpu = f"{made / plain_cpu:.1f} ({made})" if made else "–"
        ratio = f"{(created / cpu) / (made / plain_cpu):.1f}×" if made else "–"
        embeddings = f"{embed_cpu * count:.0f}" if embed_cpu is not None else "–"
        self.stdout.write(
            f"| {connection.vendor} | {created} | {elapsed:.0f} | {cpu:.0f} | {created / cpu:.1f} "
            f"| {plain_per_cpu} | {ratio} | {peak:.0f} | {embeddings} |"
        )

    def curve(self, sizes, publish):
        """One database grown to each size in turn; a table row per size."""
        header = (
            "| practices | imported now | import s (wall) | import CPU-s | per CPU-s "
            "| import CPU-s in this run so far | peak memory MiB | load average |"
        )
        rows, total_cpu = [], 0.0
        for size in sizes:
            load = load_average()
            added, elapsed, cpu = grow_to(size, publish, out=self.stdout)
            total_cpu += cpu
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            per_cpu = f"{added / cpu:.1f}" if cpu else "–"
            if not added:
                row = f"| {size:,} | 0 (already there) | – | – | – | {total_cpu:.0f} | – | {load} |"
            else:
                row = (
                    f"| {size:,} | {added:,} | {elapsed:.0f} | {cpu:.0f} | {per_cpu} "
                    f"| {total_cpu:.0f} | {peak:.0f} | {load} |"
                )
            rows.append(row)
            self.stdout.write(row)
            self.stdout.flush()
        self.stdout.write(f"database: {connection.vendor}; CPU: of this process only")
        self.stdout.write(header)
        self.stdout.write("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
        for row in rows:
            self.stdout.write(row)


def parse_sizes(text):
    try:
        sizes = [int(part) for part in text.replace("_", "").split(",") if part.strip()]
    except ValueError:
        raise CommandError(f"--sizes: getallen met komma's ertussen, niet {text!r}") from None
    if not sizes or sorted(sizes) != sizes or sizes[0] < 1:
        raise CommandError("--sizes: oplopende positieve getallen, bijvoorbeeld 1000,10000,50000")
    return sizes
