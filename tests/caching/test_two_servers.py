"""Several servers, one truth: two gunicorn servers on their own ports share one PostgreSQL
database and one Redis (when `redis-server` is installed; else each keeps its own local-memory
cache and the database alone is the shared truth). A publish, an unpublish, a renamed theme and an
import made by another process (an editor's, a command line's) show on both servers within a
second: in search, listings, facet counts, feeds and pages they had cached before the change.

PostgreSQL only: the servers must see the test's committed rows while the test runs, which SQLite's
in-memory test database cannot offer (CI runs the suite on PostgreSQL).
"""

import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from home.site_structure import ensure_site_structure
from practices.models import Municipality, PracticePage, Theme
from tests.conftest import practice_index_page
from tests.factories import make_practice

pytestmark = pytest.mark.django_db(transaction=True)

DEADLINE_SECONDS = float(os.environ.get("TWO_SERVERS_DEADLINE", "1.0"))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(process.stderr.read().decode()[-3000:])
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)  # polling a port that is not open yet, not waiting for the answer
    raise AssertionError(f"nothing listens on {port} after {seconds} s")


@pytest.fixture
def redis_url():
    """A Redis of this test's own on a free port, or None when the machine has none."""
    binary = shutil.which("redis-server")
    if binary is None:
        yield None
        return
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(port, process)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def database_url():
    database = connection.settings_dict
    user = database["USER"] or "postgres"
    password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
    host = database["HOST"] or "127.0.0.1"
    port = database["PORT"] or "5432"
    return f"postgres://{user}{password}@{host}:{port}/{database['NAME']}"


class Server:
    """gunicorn (gthread, as in production) with the page cache and the page fragments on, against
    the test database."""

    def __init__(self, redis_url, tmp_path):
        self.port = free_port()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "kennisbank.settings.dev",
            "DATABASE_URL": database_url(),
            "PAGE_CACHE_SERVER_SIDE": "1",
            "PAGE_FRAGMENT_SECONDS": "300",  # as in production: page fragments cached too
            "ALLOWED_HOSTS": "127.0.0.1",
            "TASKS_BACKEND": "immediate",
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "WEB_CONCURRENCY": "1",
            "GUNICORN_THREADS": "2",
            "GUNICORN_ACCESS_LOG": "",
            "LOG_LEVEL": "WARNING",
            "MEDIA_ROOT": str(tmp_path / "media"),
        }
        env.pop("REDIS_URL", None)
        if redis_url:
            env["REDIS_URL"] = redis_url
            env["CACHE_KEY_PREFIX"] = "kb-two-servers"
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "kennisbank.wsgi",
                "-c",
                "gunicorn.conf.py",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def get(self, path):
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}", headers={"Host": "127.0.0.1"}
        )
        with urllib.request.urlopen(request, timeout=300) as response:
            return (
                response.status,
                response.headers.get("X-Page-Cache", ""),
                response.read().decode(),
            )

    def wait_until_ready(self, seconds=600):
        """The port opens when gunicorn's master binds it; a worker answers only once it has
        imported the project, which a busy machine can take minutes to do."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                if self.get("/healthz")[0] == 200:
                    return
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise
                time.sleep(0.2)  # a worker still starting, not an answer awaited

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def servers(redis_url, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("two servers need a shared PostgreSQL database (set DATABASE_URL); CI has one")
    started = [Server(redis_url, tmp_path), Server(redis_url, tmp_path)]
    try:
        for server in started:
            wait_for_port(server.port, server.process)
            server.wait_until_ready()
        yield started
    finally:
        for server in started:
            server.stop()


def shown(server, path, text):
    status, _cache, body = server.get(path)
    assert status == 200, (path, status)
    return text in body


def visible_everywhere(servers, checks, changed_at):
    """Poll every (path, text, present) on every server until all hold. A check holds once a
    request that *started* within DEADLINE_SECONDS of the change shows it (on a busy machine the
    answer itself may take longer); it fails when a request started after the deadline still does
    not. Returns the latest start of a confirming request, in seconds after the change."""
    deadline = changed_at + DEADLINE_SECONDS
    waiting = [(server, *check) for server in servers for check in checks]
    latest = 0.0
    while waiting:
        still = []
        for server, path, text, present in waiting:
            started = time.monotonic()
            if shown(server, path, text) == present:
                latest = max(latest, started - changed_at)
            elif started > deadline:
                raise AssertionError(
                    f"{started - changed_at:.2f} s after the change, {path} on port {server.port} "
                    f"{'still lacks' if present else 'still shows'} {text!r}"
                )
            else:
                still.append((server, path, text, present))
        waiting = still
    return latest


def warm(servers, paths):
    """Fill both servers' page caches, so a stale copy would be served if nothing dropped it."""
    for server in servers:
        for path in paths:
            server.get(path)
            status, cache, _body = server.get(path)
            if "?q=" not in path and not path.startswith("/api/"):
                assert cache == "hit", (path, cache)


def api_count(server, query):
    status, _cache, body = server.get(f"/api/v1/search?{query}")
    assert status == 200
    return json.loads(body)["count"]


def test_a_change_on_one_side_shows_on_both_servers_within_a_second(servers, tmp_path):
    ensure_site_structure()
    index = practice_index_page()
    if not index.live:
        index.save_revision().publish()
    theme = Theme.objects.get(slug="jeugdzorg", locale__language_code="nl")
    place = Municipality.objects.get(cbs_code="GM0344")
    make_practice(
        index,
        "Utrecht voert keukentafelgesprekken",
        municipality=place,
        themes=[theme],
    )
    theme_page = f"/thema/{theme.slug}/"
    paths = ["/", "/praktijkvoorbeelden/", theme_page, "/feed/atom/", "/gemeente/utrecht/"]
    warm(servers, paths)
    facet = f"theme={theme.slug}"
    before = api_count(servers[0], facet)
    timings = {}

    # Publish: a new case in search, the listings, the theme's count, the feed and the home page.
    title = "Zeepkistoverleg in de wijk"
    page = make_practice(index, title, municipality=place, themes=[theme])
    changed_at = time.monotonic()  # committed: the second starts now
    timings["publiceren"] = visible_everywhere(
        servers,
        [
            ("/zoeken/?q=zeepkistoverleg", title, True),
            ("/praktijkvoorbeelden/", title, True),
            (theme_page, title, True),
            ("/feed/atom/", title, True),
            ("/", title, True),
            ("/gemeente/utrecht/", title, True),
        ],
        changed_at,
    )
    assert all(api_count(server, facet) == before + 1 for server in servers)

    # Unpublish: gone everywhere, the count back.
    warm(servers, paths)
    PracticePage.objects.get(pk=page.pk).unpublish()
    changed_at = time.monotonic()
    timings["depubliceren"] = visible_everywhere(
        servers,
        [
            ("/zoeken/?q=zeepkistoverleg", title, False),
            ("/praktijkvoorbeelden/", title, False),
            (theme_page, title, False),
            ("/feed/atom/", title, False),
            ("/", title, False),
        ],
        changed_at,
    )
    assert all(api_count(server, facet) == before for server in servers)

    # Rename a theme: the new name on the case's page, the theme overview and the home page.
    warm(servers, [*paths, "/thema/"])
    theme.name = "Jeugdhulp dichtbij"
    theme.save()
    changed_at = time.monotonic()
    timings["thema hernoemen"] = visible_everywhere(
        servers,
        [("/thema/", "Jeugdhulp dichtbij", True), ("/", "Jeugdhulp dichtbij", True)],
        changed_at,
    )

    # Import from the command line: the imported case in search and the listings.
    warm(servers, paths)
    rows = tmp_path / "import.jsonl"
    rows.write_text(
        json.dumps(
            {
                "id": "two-servers-1",
                "title": "Buurtkamer leert met bewoners",
                "summary": "Bewoners en medewerkers leren samen in de buurtkamer.",
                "date": "2024-02-01",
                "municipality": "Utrecht",
                "themes": [theme.slug],
                "situation": "De buurtkamer stond vaak leeg.",
            }
        )
        + "\n"
    )
    call_command("import_practices", str(rows), "--publish", stdout=io.StringIO())
    changed_at = time.monotonic()
    timings["importeren"] = visible_everywhere(
        servers,
        [
            ("/zoeken/?q=buurtkamer", "Buurtkamer leert met bewoners", True),
            ("/praktijkvoorbeelden/", "Buurtkamer leert met bewoners", True),
            ("/feed/atom/", "Buurtkamer leert met bewoners", True),
        ],
        changed_at,
    )
    print("zichtbaar op beide servers na (s):", {k: round(v, 3) for k, v in timings.items()})
