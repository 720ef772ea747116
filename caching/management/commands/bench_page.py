"""`manage.py bench_page`: what a practice page costs, served the way production serves it.

Prints the SQL queries of a practice page with few and with many related items, then serves the
site with gunicorn (production settings, WhiteNoise for static files) on 127.0.0.1 and prints the
p50/p95 latency of the practice page, uncached and from the page cache, next to a static file of
the same size served by the same server. Use a throwaway database (`make bench-page` does).
"""

import http.client
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from wagtail.models import Page

from home.site_structure import ensure_site_structure
from practices.models import (
    LearningForm,
    Municipality,
    PracticeIndexPage,
    PracticeInvolvedMunicipality,
    PracticeLearningForm,
    PracticePage,
    PracticeProfessionalGroup,
    PracticeTheme,
    ProfessionalGroup,
    RelatedPractice,
    Theme,
)

BASE_DIR = Path(settings.BASE_DIR)
TEXT = (
    "Het team ging met inwoners aan de keukentafel zitten en vroeg eerst waar het eigenlijk om "
    "ging. Regels kwamen daarna: wat helpt deze inwoner, en wat houdt ons tegen? "
)


def sections(paragraphs):
    return [("paragraph", f"<p>{TEXT * 3}</p>") for _ in range(paragraphs)]


def add_practice(index, title, municipality, themes, groups=(), forms=(), involved=(), related=()):
    page = PracticePage(
        title=title,
        summary=TEXT[:300],
        municipality=municipality,
        practice_date=date(2018, 5, 1),
        situation=sections(3),
        approach=sections(3),
        results=sections(2),
        lessons=sections(2),
    )
    page.practice_themes = [PracticeTheme(theme=theme) for theme in themes]
    page.practice_professional_groups = [
        PracticeProfessionalGroup(professional_group=group) for group in groups
    ]
    page.practice_learning_forms = [PracticeLearningForm(learning_form=form) for form in forms]
    page.involved_municipalities = [PracticeInvolvedMunicipality(municipality=m) for m in involved]
    page.related_practices = [RelatedPractice(practice=other) for other in related]
    index.add_child(instance=page)
    page.save_revision().publish()
    return PracticePage.objects.get(pk=page.pk)


def build_content():
    """Twelve practices; one with a single term, one with many terms, places and relations."""
    home = ensure_site_structure()
    index = PracticeIndexPage.objects.filter(locale=home.locale).first()
    if index is None:
        index = PracticeIndexPage(title="Praktijkvoorbeelden", slug="praktijkvoorbeelden")
        home.add_child(instance=index)
        index.save_revision().publish()
    dutch = {"locale": home.locale}
    themes = list(Theme.objects.filter(**dutch)[:8])
    groups = list(ProfessionalGroup.objects.filter(**dutch)[:5])
    forms = list(LearningForm.objects.filter(**dutch)[:5])
    places = list(Municipality.objects.filter(is_current=True).select_related("province")[:20])
    if not (themes and groups and forms and places):
        raise CommandError("Geen thema's, beroepsgroepen, werkvormen of gemeenten: eerst migrate.")
    others = [
        add_practice(index, f"Benchmark praktijk {n}", places[n], themes[n % len(themes) :][:2])
        for n in range(10)
    ]
    light = add_practice(index, "Benchmark licht", places[10], themes[:1])
    heavy = add_practice(
        index,
        "Benchmark zwaar",
        places[11],
        themes,
        groups=groups,
        forms=forms,
        involved=places[12:18],
        related=others[:6],
    )
    return light, heavy


def query_count(url, fragment_seconds=0):
    """Queries of the second anonymous request (the first one warms Wagtail's site caches and,
    with `fragment_seconds`, the page fragments, as production keeps them per content version)."""
    client = Client(HTTP_HOST="127.0.0.1")
    with override_settings(
        PAGE_CACHE_SERVER_SIDE=False,
        PAGE_FRAGMENT_SECONDS=fragment_seconds,
        ALLOWED_HOSTS=["127.0.0.1"],
    ):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
    if response.status_code != 200:
        raise CommandError(f"{url} gaf {response.status_code}")
    return len(queries), response.content


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def process_cpu_seconds(pid):
    """User + system CPU seconds of a process and its children (all threads), from /proc."""
    total = 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    pids = [pid]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                pids.append(int(entry.name))
    for one in pids:
        try:
            fields = (Path("/proc") / str(one) / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def timings(server, path, count, warmup):
    """Latencies in milliseconds of `count` sequential GETs over one keep-alive connection, and
    the server's CPU milliseconds per request (user + system: what other load cannot inflate)."""
    port = server.port
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    measured = []
    cpu_before = None
    for number in range(warmup + count):
        if number == warmup:
            cpu_before = process_cpu_seconds(server.process.pid)
        started = time.perf_counter()
        conn.request("GET", path, headers={"Host": "127.0.0.1"})
        response = conn.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        if response.status != 200 or not body:
            raise CommandError(f"GET {path} gaf {response.status}")
        if response.getheader("Connection", "").lower() == "close":
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        if number >= warmup:
            measured.append(elapsed)
    conn.close()
    cpu = (process_cpu_seconds(server.process.pid) - cpu_before) * 1000 / count
    return measured, cpu


class Server:
    """gunicorn with production settings and the project's gunicorn.conf.py, on 127.0.0.1."""

    def __init__(self, env, cached):
        self.port = free_port()
        self.env = {
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "PAGE_CACHE_SERVER_SIDE": "1" if cached else "0",
        }

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "kennisbank.wsgi",
                "-c",
                str(BASE_DIR / "gunicorn.conf.py"),
            ],
            cwd=BASE_DIR,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise CommandError(self.process.stderr.read().decode()[-2000:])
            try:  # a worker answers once it has imported the project (slow on a busy machine)
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
                conn.request("GET", "/healthz", headers={"Host": "127.0.0.1"})
                if conn.getresponse().status == 200:
                    conn.close()
                    return self
                conn.close()
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise CommandError("gunicorn antwoordde niet binnen 600 seconden")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def database_url():
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        raise CommandError("Zet DATABASE_URL, zodat gunicorn dezelfde database gebruikt.")
    return f"sqlite:///{database['NAME']}"


class Command(BaseCommand):
    help = (
        "Meet een praktijkpagina: SQL-queries en p50/p95 via gunicorn, naast een statisch bestand."
    )

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=400)
        parser.add_argument("--warmup", type=int, default=40)
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args, requests, warmup, workers, **options):
        if Page.objects.filter(title__startswith="Benchmark ").exists():
            raise CommandError("Deze database bevat al een benchmark; gebruik een lege database.")
        light, heavy = build_content()
        light_queries, _html = query_count(light.url)
        heavy_queries, html = query_count(heavy.url)
        out = self.stdout.write
        out(f"SQL-queries praktijkpagina: {light_queries} (1 thema), {heavy_queries} (8 thema's, ")
        out("  5 beroepsgroepen, 5 werkvormen, 7 gemeenten, 6 gerelateerde voorbeelden),")
        out("  zonder paginafragmenten (de eerste weergave na een wijziging)")
        warm_light, _html = query_count(light.url, fragment_seconds=300)
        warm_heavy, _html = query_count(heavy.url, fragment_seconds=300)
        out(
            f"SQL-queries met paginafragmenten (productie): {warm_light} (licht), {warm_heavy} (zwaar)"
        )

        var = Path(tempfile.mkdtemp(prefix="bench-page-"))
        try:
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "kennisbank.settings.production",
                "DATABASE_URL": database_url(),
                "SECRET_KEY": secrets.token_urlsafe(50),
                "ALLOWED_HOSTS": "127.0.0.1",
                "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
                "SECURE_SSL_REDIRECT": "0",
                "TASKS_BACKEND": "immediate",
                "VAR_DIR": str(var),
                "STATIC_ROOT": str(var / "static"),
                "MEDIA_ROOT": str(var / "media"),
                "WEB_CONCURRENCY": str(workers),
                "GUNICORN_ACCESS_LOG": "",
                "LOG_LEVEL": "WARNING",
            }
            subprocess.run(
                [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
                cwd=BASE_DIR,
                env=env,
                check=True,
            )
            # A static file of exactly the page's size, served by WhiteNoise in the same server.
            static_file = var / "static" / "bench-page.html"
            static_file.write_bytes(html)
            path = heavy.url
            results = {}
            with Server(env, cached=False) as server:
                results["pagina, zonder paginacache"] = timings(server, path, requests, warmup)
                results["statisch bestand"] = timings(
                    server, "/static/bench-page.html", requests, warmup
                )
            with Server(env, cached=True) as server:
                results["pagina, uit de paginacache"] = timings(server, path, requests, warmup)
        finally:
            shutil.rmtree(var, ignore_errors=True)

        out(
            f"\ngunicorn ({workers} workers, gthread), productie-instellingen, 127.0.0.1; "
            f"{requests} opeenvolgende GETs na {warmup} opwarmers; {len(html)} bytes per antwoord"
        )
        static, static_cpu = results["statisch bestand"]
        static_p50, static_p95 = statistics.median(static), percentile(static, 0.95)
        for name, (values, cpu) in results.items():
            p50, p95 = statistics.median(values), percentile(values, 0.95)
            out(
                f"  {name:<28} p50 {p50:6.2f} ms   p95 {p95:6.2f} ms   CPU {cpu:5.2f} ms   "
                f"× statisch: p50 {p50 / static_p50:4.1f}  p95 {p95 / static_p95:4.1f}  "
                f"CPU {cpu / static_cpu:4.1f}"
            )
        out(
            f"  (CPU: user + system van gunicorn per verzoek; belasting van de machine "
            f"{os.getloadavg()[0]:.1f}, {os.cpu_count()} kernen)"
        )
