"""`manage.py bench_search`: generate N practices (the import benchmark's generator), then run a few
hundred distinct queries with facets through the search API and through a plain Wagtail
`Page.objects.live().search(q)` listing in the same run; prints p50/p95, their ratio and SQL queries.
With search by meaning on, it also builds the embeddings and, with the evaluation cases imported
among the generated practices, prints recall@5 and MRR lexical-only against hybrid, how much
generated nonsense finds pages by meaning, and per query in turn the p50/p95 (wall and CPU) of the
hybrid search (a new query, the same again), the lexical search alone and the plain listing.

With `--sizes 1000,10000,50000` it grows one database to each size in turn (importing only the
practices a size adds, timed), and per size measures the search API on the database engine and on
the engine path (Elasticsearch's API, served by an osmem-server process started here and filled
with `update_index`), and the in-process facet index (build time, memory); one table row per size.
Search by meaning is off in that run: its vectors are a cost of their own (see the README)."""

import gc
import json
import os
import random
import resource
import statistics
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from wagtail.models import Page

from practices.importing.service import import_file
from practices.management.commands.bench_import import (
    generated_rows,
    grow_to,
    load_average,
    parse_sizes,
)
from practices.models import Municipality, PracticePage, Theme
from practices.setup import ensure_practices_setup
from search.engine_settings import engine_settings
from search.params import parse_params
from search.semantic.encoder import encoders, get_encoder, second_model_name
from search.semantic.matrix import matrix_for
from search.semantic.store import build_embeddings
from search.service import search

QUERY_WORDS = (
    "keukentafelgesprek inkopers jeugdzorg wijkteams bedoeling intervisie netwerk gemeenten "
    "inwoners samenwerking vertrouwen regels casussen gesprekken leren beleid uitvoering ruimte "
    "keukentafel jeugdhulp inkoop wijkteam teams casus gesprek"
).split()
QUESTIONS = [
    "hoe betrek je inwoners bij de omgevingswet",
    "wat doet een wijkteam met jeugdhulp",
    "hoe leren inkopers van elkaar",
    "gesprek aan de keukentafel",
    "meer ruimte voor de bedoeling",
]


class GarbageCollections:
    """Python's collections of the oldest generation while it runs: each walks the whole heap."""

    def __init__(self):
        self.times, self._started = [], 0.0
        gc.callbacks.append(self._observe)

    def _observe(self, phase, info):
        if info["generation"] != 2:
            return
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.times.append(time.perf_counter() - self._started)

    def stop(self):
        gc.callbacks.remove(self._observe)

    def __str__(self):
        longest = max(self.times, default=0.0)
        return (
            f"{len(self.times)} full collections, {sum(self.times) * 1000:.0f} ms in all, "
            f"the longest {longest * 1000:.0f} ms"
        )


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def realistic_queries(count, seed=3):
    rng = random.Random(seed)
    themes = list(Theme.objects.filter(locale__language_code="nl").values_list("slug", flat=True))
    codes = list(
        Municipality.objects.filter(practices__isnull=False)
        .distinct()
        .values_list("cbs_code", flat=True)[:200]
    )
    years = [str(y) for y in range(2015, 2026)]
    seen, queries = set(), []
    while len(queries) < count:
        kind = rng.random()
        if kind < 0.15:
            q = rng.choice(QUESTIONS)
        else:
            q = " ".join(rng.sample(QUERY_WORDS, rng.choice([1, 1, 2, 2, 3])))
        params = [("q", q)]
        if rng.random() < 0.5 and themes:
            params.append(("theme", rng.choice(themes)))
        if rng.random() < 0.3 and codes:
            params.append(("municipality", rng.choice(codes)))
        if rng.random() < 0.3:
            params.append(("year", rng.choice(years)))
        key = urlencode(params)
        if key not in seen:
            seen.add(key)
            queries.append((q, params))
    return queries


class Command(BaseCommand):
    help = (
        "Meet de zoeksnelheid: facettenzoeken via de API tegenover een kale Wagtail-zoekopdracht."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=10_000, help="aantal praktijkvoorbeelden")
        parser.add_argument("--queries", type=int, default=300)
        parser.add_argument(
            "--sizes",
            default="",
            help="e.g. 1000,10000,50000: grow one database to each size in turn and print a "
            "table row per size (database and engine path, facet index, import)",
        )

    def handle(self, *args, count, queries, sizes, **options):
        if sizes:
            with override_settings(SEARCH_EMBEDDING_MODEL=""):
                return self.curve(parse_sizes(sizes), queries)
        existing = PracticePage.objects.filter(external_id__startswith="bench-").count()
        if existing < count:
            self._generate(count - existing, existing)
        semantic = get_encoder() is not None
        if semantic:
            self._import_evaluation_cases()
            started = time.process_time()
            made = build_embeddings(missing_only=True)
            self.stdout.write(
                f"embeddings: {made} made in {time.process_time() - started:.1f} s CPU"
            )
        total = PracticePage.objects.live().count()
        workload = realistic_queries(queries)
        client = Client(HTTP_HOST="localhost")
        client.get("/api/v1/search?q=warm")  # load the vocabulary once, as a running server has

        api_times, plain_times, api_queries, plain_queries, counts = [], [], [], [], []
        for q, params in workload:
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get("/api/v1/search?" + urlencode(params))
                api_times.append(time.perf_counter() - started)
            assert response.status_code == 200, response.content[:500]
            api_queries.append(len(captured))
            counts.append(response.json()["count"])
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                listing = list(Page.objects.live().search(q)[:20])
                plain_times.append(time.perf_counter() - started)
            plain_queries.append(len(captured))
            del listing

        def ms(value):
            return f"{value * 1000:7.1f} ms"

        api50, api95 = percentile(api_times, 0.5), percentile(api_times, 0.95)
        plain50, plain95 = percentile(plain_times, 0.5), percentile(plain_times, 0.95)
        out = self.stdout.write
        out(f"database: {connection.vendor}, live practices: {total}, queries: {len(workload)}")
        out(f"results per query: median {statistics.median(counts):.0f}, max {max(counts)}")
        out(f"search API (facets, page 1):  p50 {ms(api50)}  p95 {ms(api95)}")
        out(f"plain Page.search listing:    p50 {ms(plain50)}  p95 {ms(plain95)}")
        out(f"ratio API/plain:              p50 {api50 / plain50:.2f}  p95 {api95 / plain95:.2f}")
        out(
            f"SQL queries per request: API {min(api_queries)}–{max(api_queries)} "
            f"(does not grow with results), plain {min(plain_queries)}–{max(plain_queries)}"
        )
        if semantic:
            self._semantic_report(workload)

    def _import_evaluation_cases(self):
        """The evaluation set's cases (tests/search/evaluation) among the generated practices."""
        from tests.search.evaluation.cases import CASES

        if PracticePage.objects.filter(external_id__startswith="eval-").exists():
            return
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "evaluation.jsonl"
            with open(path, "w", encoding="utf-8") as stream:
                for key, title, code, themes, groups, forms, summary, body in CASES:
                    parts = body.split(". ")
                    half = max(1, len(parts) // 2)
                    row = {
                        "id": f"eval-{key}",
                        "title": title,
                        "summary": summary,
                        "municipality": code,
                        "themes": themes,
                        "professional_groups": groups,
                        "learning_forms": forms,
                        "situation": ". ".join(parts[:half]),
                        "approach": ". ".join(parts[half:]),
                        "date": "2020-01-01",
                    }
                    stream.write(json.dumps(row, ensure_ascii=False) + "\n")
            result = import_file(path, publish=True, create_missing_terms=True)
        if result.problems:
            self.stderr.write("\n".join(str(p) for p in result.problems[:5]))

    def _semantic_report(self, workload):

        from tests.search.evaluation.cases import MEANING_QUERIES, QUERIES

        pages = {
            page.external_id.removeprefix("eval-"): page.id
            for page in PracticePage.objects.filter(
                external_id__startswith="eval-", locale__language_code="nl"
            )
        }

        def ranked(query):
            params, _ = parse_params({"q": query, "page_size": "10"}, "nl")
            return [hit.page_id for hit in search(params).hits]

        def measure(queries):
            recall, rr = 0.0, 0.0
            for query, keys in queries:
                relevant = {pages[key] for key in keys if key in pages}
                found = ranked(query)
                recall += len(relevant & set(found[:5])) / max(1, len(relevant))
                rank = next((i for i, pk in enumerate(found, 1) if pk in relevant), None)
                rr += 1 / rank if rank else 0.0
            return recall / len(queries), rr / len(queries)

        out = self.stdout.write
        for encoder in encoders():
            matrix = matrix_for("nl", encoder.name)
            per_page = matrix.nbytes / max(1, len(matrix.page_ids))
            out(
                f"vectors {encoder.name}: {len(matrix.page_ids)} pages, "
                f"{matrix.nbytes / 1e6:.1f} MB in memory, "
                f"{per_page * 10_000 / 1e6:.1f} MB per 10,000 pages"
            )
        second = second_model_name()
        for name, queries in (("evaluation set", QUERIES), ("meaning only", MEANING_QUERIES)):
            hybrid = measure(queries)
            with override_settings(SEARCH_EMBEDDING_MODEL=""):
                lexical = measure(queries)
            line = (
                f"{name}: lexical recall@5 {lexical[0]:.3f} MRR {lexical[1]:.3f}; "
                f"hybrid recall@5 {hybrid[0]:.3f} MRR {hybrid[1]:.3f}"
            )
            if second:
                with override_settings(SEARCH_EMBEDDING_SECOND_MODEL=""):
                    alone = measure(queries)
                line += f" (without {second}: recall@5 {alone[0]:.3f} MRR {alone[1]:.3f})"
            out(line)
        self._nonsense_report()
        self._timing_report(workload)

    def _nonsense_report(self):
        """Generated nonsense (tests/search/evaluation/nonsense.py) that finds pages by meaning."""

        from tests.search.evaluation.nonsense import nonsense_queries

        def count(query):
            params, _ = parse_params({"q": query, "page_size": "1"}, "nl")
            return search(params).count

        for kind, queries in nonsense_queries(20261206, 30).items():
            leaks = 0
            for query in queries:
                if count(query):
                    with override_settings(SEARCH_EMBEDDING_MODEL=""):
                        leaks += not count(query)  # found by its letters: lexical, not a leak
            self.stdout.write(f"nonsense ({kind}): {leaks} of {len(queries)} find pages by meaning")

    def _timing_report(self, workload):
        """Per query, in turn (so the machine's load weighs on each alike): the hybrid search with a
        query it has not seen (its vectors made), the same again (vectors kept), the lexical
        search alone, and a plain `Page.objects.live().search(q)` listing."""

        from search.semantic import hybrid

        client = Client(HTTP_HOST="localhost")
        model = get_encoder().name
        modes = ("hybrid, new query", "hybrid, repeated", "lexical only", "plain Page.search")
        wall = {mode: [] for mode in modes}
        cpu = {mode: [] for mode in modes}

        def timed(mode, run):
            started, started_cpu = time.perf_counter(), time.process_time()
            run()
            wall[mode].append(time.perf_counter() - started)
            cpu[mode].append(time.process_time() - started_cpu)

        def api(params):
            response = client.get("/api/v1/search?" + urlencode(params))
            assert response.status_code == 200, response.content[:500]

        load = os.getloadavg()
        collections = GarbageCollections()
        for query, params in workload:
            with override_settings(SEARCH_EMBEDDING_MODEL=model):
                hybrid.forget_queries()
                timed("hybrid, new query", lambda params=params: api(params))
                timed("hybrid, repeated", lambda params=params: api(params))
            with override_settings(SEARCH_EMBEDDING_MODEL=""):
                timed("lexical only", lambda params=params: api(params))
            timed(
                "plain Page.search",
                lambda query=query: list(Page.objects.live().search(query)[:20]),
            )
        load_after = os.getloadavg()
        collections.stop()
        plain50 = percentile(wall["plain Page.search"], 0.5)
        plain95 = percentile(wall["plain Page.search"], 0.95)
        out = self.stdout.write
        out(
            f"timing, {len(workload)} queries each, load average {load[0]:.1f} before and "
            f"{load_after[0]:.1f} after (wall time; CPU time of this process beside it):"
        )
        for mode in modes:
            p50, p95 = percentile(wall[mode], 0.5), percentile(wall[mode], 0.95)
            out(
                f"  {mode:18} p50 {p50 * 1000:8.1f} ms  p95 {p95 * 1000:8.1f} ms  "
                f"(CPU p50 {percentile(cpu[mode], 0.5) * 1000:6.1f} ms, "
                f"p95 {percentile(cpu[mode], 0.95) * 1000:6.1f} ms)  "
                f"ratio to plain p50 {p50 / plain50:.2f}  p95 {p95 / plain95:.2f}"
            )
        out(
            f"garbage collection during the timing: {collections} (gc.get_threshold() {gc.get_threshold()})"
        )

    def _generate(self, count, offset):
        ensure_practices_setup()
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "bench.jsonl"
            with open(path, "w", encoding="utf-8") as stream:
                for row in generated_rows(count + offset):
                    if int(row["id"].split("-")[1]) >= offset:
                        stream.write(json.dumps(row, ensure_ascii=False) + "\n")
            self.stdout.write(f"{count} praktijkvoorbeelden genereren en importeren …")
            result = import_file(path, publish=True)
        if result.problems:
            self.stderr.write("\n".join(str(p) for p in result.problems[:5]))
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")  # as autovacuum would after a bulk load; fair to both

    # --- cost curves (--sizes) -------------------------------------------------------------------

    def curve(self, sizes, queries):
        from osmem_server import OsmemServer

        ensure_practices_setup()
        engine = OsmemServer.start(japanese=False)
        proxy = MediaTypeProxyProcess(engine.url)
        self.stdout.write(f"engine: osmem-server at {engine.url} (through {proxy.url})")
        rows = []
        try:
            for size in sizes:
                row = self.curve_row(size, queries, proxy.url)
                rows.append(row)
                self.stdout.write(row)
                self.stdout.flush()
        finally:
            proxy.close()
            engine.close()
        self.stdout.write(
            f"database: {connection.vendor}; engine: osmem-server; {queries} queries per path "
            "and size; wall time, CPU time of this process (not of PostgreSQL or the engine)"
        )
        self.stdout.write(
            "| practices | import: added, s (CPU-s) | database p50 / p95 ms (CPU p50) "
            "| engine p50 / p95 ms (CPU p50) | engine answered | engine index build s (CPU-s) "
            "| facet index: load + build CPU-s | facet index MiB (one language) "
            "| peak memory MiB | load average |"
        )
        self.stdout.write("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
        for row in rows:
            self.stdout.write(row)

    def curve_row(self, size, queries, engine_url):
        load = load_average()
        added, elapsed, cpu = grow_to(size, out=self.stdout)
        imported = f"{added:,}, {elapsed:.0f} ({cpu:.0f})" if added else "0 (already there)"
        self.stdout.write(f"{size:,} practices: measuring (load average {load})")
        load_cpu, build_cpu, held = self.facet_index_cost()
        workload = realistic_queries(queries)
        database = self.timed_searches(workload)
        self.stdout.write(
            f"  database: p50 {database['p50']:.1f} ms, p95 {database['p95']:.1f} ms; "
            f"facet index {load_cpu:.2f} + {build_cpu:.2f} CPU-s, {held / 2**20:.1f} MiB; "
            "now the engine"
        )
        self.stdout.flush()
        started, started_cpu = time.perf_counter(), time.process_time()
        # The test engine (osmem-server) scores every document, far slower than Elasticsearch here:
        # with production's 1 s timeout the fallback would answer and the engine go unmeasured.
        with engine_settings(engine_url, "kbbench_", timeout=60, timeout_cap=60):
            call_command("update_index", backend_name="elasticsearch", verbosity=0)
            index_wall = time.perf_counter() - started
            index_cpu = time.process_time() - started_cpu
            engine = self.timed_searches(workload)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        engine_name = "elasticsearch"
        answered = engine["backends"].get(engine_name, 0)

        def times(measured):
            return f"{measured['p50']:.1f} / {measured['p95']:.1f} ({measured['cpu50']:.1f})"

        return (
            f"| {size:,} | {imported} | {times(database)} | {times(engine)} "
            f"| {answered}/{len(workload)} | {index_wall:.0f} ({index_cpu:.0f}) "
            f"| {load_cpu:.2f} + {build_cpu:.2f} | {held / 2**20:.1f} | {peak:.0f} "
            f"| {load} → {load_average()} |"
        )

    def facet_index_cost(self):
        """What one web process spends on its facet index of the Dutch pages after a change:
        loading the docs from the database, building the bitsets (CPU s), and the memory held."""
        from scripts.facet_index_cost import snapshot_cost
        from search.pipeline import load_docs, load_terms, locale_id_for

        locale_id = locale_id_for("nl")
        started = time.process_time()
        docs = load_docs(locale_id)
        load_terms(locale_id)
        loaded = time.process_time() - started
        del docs
        built, held = snapshot_cost(lambda: list(load_docs(locale_id).values()))
        return loaded, built, held

    def timed_searches(self, workload):
        """The search API for every query of the workload: p50/p95 wall and p50 CPU (ms), and
        which backend answered (X-Search-Backend)."""
        client = Client(HTTP_HOST="localhost")
        client.get("/api/v1/search?q=warm")  # facet index and vocabulary loaded, as on a server
        wall, cpu, backends = [], [], {}
        for _q, params in workload:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get("/api/v1/search?" + urlencode(params))
            wall.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
            assert response.status_code == 200, response.content[:500]
            backend = response.headers.get("X-Search-Backend", "?")
            backends[backend] = backends.get(backend, 0) + 1
        return {
            "p50": percentile(wall, 0.5) * 1000,
            "p95": percentile(wall, 0.95) * 1000,
            "cpu50": percentile(cpu, 0.5) * 1000,
            "backends": backends,
        }


class MediaTypeProxyProcess:
    """The tests' media-type proxy (the stock client's media type, which osmem refuses) in a
    process of its own, so its work is not timed as the search's; stops when stdin closes."""

    CODE = (
        "import sys; from tests.search.engine.media_type_proxy import MediaTypeProxy; "
        "proxy = MediaTypeProxy(sys.argv[1]); print(proxy.url, flush=True); sys.stdin.read()"
    )

    def __init__(self, upstream_url):
        import subprocess
        import sys

        self.process = subprocess.Popen(
            [sys.executable, "-c", self.CODE, upstream_url],
            cwd=settings.BASE_DIR,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.url = self.process.stdout.readline().strip()

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=10)
