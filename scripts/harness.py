"""What the load, fault and fuzz scripts share: a PostgreSQL cluster of their own, a production-like
server (gunicorn with production settings), a bounded load generator and its figures.

Everything talks to 127.0.0.1 only; every loop is bounded in time.
"""

import http.client
import os
import random
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else sys.executable
VAR = ROOT / "var" / "ops"
HOST = "127.0.0.1"

# A cluster of our own, so restarting PostgreSQL never disturbs anyone else's tests on :5432.
CLUSTER_NAME = os.environ.get("OPS_PG_CLUSTER", "kbops")
CLUSTER_PORT = int(os.environ.get("OPS_PG_PORT", "5434"))


def log(message):
    print(message, flush=True)


def free_port():
    import socket

    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


# --- PostgreSQL --------------------------------------------------------------------------------


def pg_version():
    return sorted(os.listdir("/etc/postgresql"))[-1]


def cluster_command(action):
    return [
        "pg_ctlcluster",
        "--skip-systemctl-redirect",
        pg_version(),
        CLUSTER_NAME,
        action,
        *(["-m", "fast"] if action in ("restart", "stop") else []),
    ]


def ensure_cluster():
    """Create (once) and start the scripts' own cluster; trust auth on 127.0.0.1 only.
    With OPS_PG_EXTERNAL=1, use whatever server answers on OPS_PG_PORT instead (a shared
    machine's :5432, where the load run only creates and reuses its own database)."""
    if os.environ.get("OPS_PG_EXTERNAL") == "1":
        if not pg_ready():
            raise SystemExit(f"no PostgreSQL answers on {HOST}:{CLUSTER_PORT}")
        return CLUSTER_PORT
    version = pg_version()
    if not Path(f"/etc/postgresql/{version}/{CLUSTER_NAME}").exists():
        log(f"creating PostgreSQL cluster {version}/{CLUSTER_NAME} on port {CLUSTER_PORT}")
        subprocess.run(
            [
                "pg_createcluster",
                version,
                CLUSTER_NAME,
                "--port",
                str(CLUSTER_PORT),
                "--",
                "--auth-local=trust",
                "--auth-host=trust",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        conf = Path(f"/etc/postgresql/{version}/{CLUSTER_NAME}/conf.d/kbops.conf")
        conf.write_text("listen_addresses = '127.0.0.1'\nmax_connections = 200\nfsync = on\n")
    if subprocess.run(["pg_isready", "-q", "-h", HOST, "-p", str(CLUSTER_PORT)]).returncode != 0:
        subprocess.run(cluster_command("start"), check=True)
        wait_for(lambda: pg_ready(), 30, "PostgreSQL cluster to start")
    return CLUSTER_PORT


def pg_ready():
    return subprocess.run(["pg_isready", "-q", "-h", HOST, "-p", str(CLUSTER_PORT)]).returncode == 0


def database_url(name):
    return f"postgres://postgres@{HOST}:{CLUSTER_PORT}/{name}"


def psql(name, sql, params=()):
    """Run one statement on the scripts' cluster; rows come back as text lines (first column)."""
    import psycopg

    with psycopg.connect(
        host=HOST, port=CLUSTER_PORT, user="postgres", dbname=name, autocommit=True
    ) as connection:
        cursor = connection.execute(sql, params)
        if cursor.description is None:
            return ""
        return "\n".join("" if row[0] is None else str(row[0]) for row in cursor.fetchall())


def page_paths(name, model):
    """Public addresses of live pages of one model (e.g. "practicepage"), from the page tree."""
    root = psql(
        name,
        "SELECT p.url_path FROM wagtailcore_site s JOIN wagtailcore_page p ON p.id = s.root_page_id "
        "WHERE s.is_default_site",
    )
    rows = psql(
        name,
        "SELECT p.url_path FROM wagtailcore_page p JOIN django_content_type c "
        "ON c.id = p.content_type_id WHERE c.model = %s AND p.live "
        "AND p.url_path LIKE %s ORDER BY p.id",
        (model, root + "%"),
    )
    return ["/" + line[len(root) :] for line in rows.splitlines() if line]


def practice_count(name):
    if not psql(name, "SELECT to_regclass('practices_practicepage')"):
        return 0
    # Only generated ones: contributions submitted during a run become practice drafts too.
    sql = "SELECT count(*) FROM practices_practicepage WHERE external_id LIKE 'bench-%%'"
    return int(psql(name, sql) or 0)


def database_exists(name):
    return psql("postgres", "SELECT 1 FROM pg_database WHERE datname = %s", (name,)) == "1"


def manage(*args, env=None, quiet=True):
    """Run manage.py with the given environment (development settings unless overridden)."""
    environment = {k: v for k, v in os.environ.items() if k != "ELASTICSEARCH_URL"}
    environment.update({"DJANGO_SETTINGS_MODULE": "kennisbank.settings.dev", **(env or {})})
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def ensure_database(name, practices, env=None):
    """A migrated database with the site structure and `practices` generated practice pages."""
    url = database_url(name)
    if database_exists(name) and practice_count(name) not in (0, practices):
        log(f"{name} holds an interrupted or different generation: starting it afresh")
        psql("postgres", f'DROP DATABASE "{name}" WITH (FORCE)')  # our own constant name
    if not database_exists(name):
        psql("postgres", f'CREATE DATABASE "{name}"')  # our own constant name
    env = {"DATABASE_URL": url, **(env or {})}
    manage("migrate", "--noinput", env=env)
    if practice_count(name) == practices:
        return url  # prepared by an earlier run (setup_site would re-index everything)
    manage("setup_site", "--no-admin", "--no-demo", env=env)
    if practice_count(name) < practices:
        log(f"generating {practices} practices in {name} (once; reused by later runs)")
        started = time.monotonic()
        # Background tasks (reference index) are queued, as in production, not run inline.
        manage(
            "bench_import",
            "--count",
            str(practices),
            "--plain",
            "0",  # no plain-loop practices beside them
            env={**env, "TASKS_BACKEND": "database"},
            quiet=False,
        )
        log(f"  generated in {time.monotonic() - started:.0f} s")
    return url


# --- the server under test ---------------------------------------------------------------------


def production_env(database, port, **extra):
    static_root = VAR / "static"
    return {
        "DJANGO_SETTINGS_MODULE": "kennisbank.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": database,
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "WAGTAILADMIN_BASE_URL": f"https://{HOST}:{port}",
        "CSRF_TRUSTED_ORIGINS": f"https://{HOST}:{port}",
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(VAR / "media"),
        "SECURITY_TXT_CONTACT": "mailto:security@example.nl",
        "LOG_LEVEL": "WARNING",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",  # no SMTP server here
        "GUNICORN_ACCESS_LOG": "",  # figures come from the client; keep the terminal readable
        **extra,
    }


def collect_static(env):
    """Every run: a stale manifest makes every page that names a new static file fail."""
    manage("collectstatic", "--noinput", env=env)


class Server:
    """gunicorn with production settings on a free port; stopped with the script."""

    def __init__(self, env, workers=2, threads=8):
        self.port = free_port()
        self.env = {**os.environ, **env}
        self.env.setdefault("WAGTAILADMIN_BASE_URL", f"https://{HOST}:{self.port}")
        self.env.update(
            GUNICORN_BIND=f"{HOST}:{self.port}",
            WEB_CONCURRENCY=str(workers),
            GUNICORN_THREADS=str(threads),
        )
        self.process = None
        VAR.mkdir(parents=True, exist_ok=True)
        self.log_path = VAR / f"gunicorn-{self.port}.log"

    def start(self):
        gunicorn = shutil.which("gunicorn", path=str(Path(PYTHON).parent)) or "gunicorn"
        self.log_file = open(self.log_path, "w")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [gunicorn, "kennisbank.wsgi", "-c", str(ROOT / "gunicorn.conf.py")],
            cwd=ROOT,
            env=self.env,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
        )
        wait_for(lambda: self.get("/healthz")[0] == 200, 60, "gunicorn to answer /healthz")
        return self

    def worker_pids(self):
        """The gunicorn workers' process ids now (a recycled worker comes back with a new one)."""
        pids = set()
        for task in Path(f"/proc/{self.process.pid}/task").iterdir():
            try:
                pids.update(int(pid) for pid in (task / "children").read_text().split())
            except OSError:
                pass
        return pids

    def get(self, path, headers=None, timeout=10):
        return request("GET", HOST, self.port, path, headers=headers, timeout=timeout)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        if self.process:
            self.log_file.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def request(method, host, port, path, body=None, headers=None, timeout=10):
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    except OSError as error:
        return 0, {}, str(error).encode()
    finally:
        connection.close()


def wait_for(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except Exception:  # noqa: S110 (still starting)
            pass
        time.sleep(0.2)
    raise SystemExit(f"gave up waiting for {what} after {seconds} s")


# --- load ----------------------------------------------------------------------------------------

# What the reverse proxy adds: the request came in over HTTPS (so no redirect to https://).
PROXY_HEADERS = {"X-Forwarded-Proto": "https", "User-Agent": "kennisbank-load/1"}


@dataclass
class Sample:
    started: float  # seconds since the run began
    path: str
    status: int  # 0: no answer (connection refused/reset, timeout)
    latency: float  # seconds


@dataclass
class LoadResult:
    users: int
    duration: float
    samples: list = field(default_factory=list)

    @property
    def statuses(self):
        counts = {}
        for sample in self.samples:
            counts[sample.status] = counts.get(sample.status, 0) + 1
        return dict(sorted(counts.items()))

    def percentile(self, fraction, samples=None):
        latencies = sorted(s.latency for s in (samples or self.samples))
        if not latencies:
            return float("nan")
        return latencies[min(len(latencies) - 1, int(round(fraction * (len(latencies) - 1))))]

    def summary(self, label=""):
        ok = [s for s in self.samples if 200 <= s.status < 400]
        errors = len(self.samples) - len(ok)
        return (
            f"{label}{self.users:>3} users  {len(self.samples):>6} requests  "
            f"{len(self.samples) / self.duration:7.1f} req/s  "
            f"p50 {self.percentile(0.50) * 1000:7.1f} ms  p95 {self.percentile(0.95) * 1000:7.1f} ms  "
            f"p99 {self.percentile(0.99) * 1000:7.1f} ms  errors {errors}  statuses {self.statuses}"
        )


def run_load(port, paths, users, seconds, timeout=15, on_tick=None, seed=1):
    """`users` threads each request a random path from `paths` back to back for `seconds`, each
    on one keep-alive connection (re-opened after an error), like browsers do."""
    started = time.monotonic()
    deadline = started + seconds
    result = LoadResult(users=users, duration=seconds)
    lock = threading.Lock()

    def visitor(number):
        rng = random.Random(seed * 1000 + number)
        connection = None
        sent = 0
        while time.monotonic() < deadline:
            sent += 1
            # "{n}" in a path makes every request unique, so no cache can answer in its place.
            path = rng.choice(paths).replace("{n}", f"{number}-{sent}")
            if connection is None:
                connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
            begin = time.monotonic()
            try:
                connection.request("GET", path, headers=PROXY_HEADERS)
                response = connection.getresponse()
                response.read()
                status = response.status
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
                    connection = None
            except (OSError, http.client.HTTPException):
                status = 0
                connection.close()
                connection = None
                time.sleep(0.05)  # a refused connection returns at once: don't spin
            end = time.monotonic()
            with lock:
                result.samples.append(Sample(begin - started, path, status, end - begin))
        if connection is not None:
            connection.close()

    threads = [threading.Thread(target=visitor, args=(n,), daemon=True) for n in range(users)]
    for thread in threads:
        thread.start()
    while any(thread.is_alive() for thread in threads):
        if on_tick:
            on_tick(time.monotonic() - started)
        time.sleep(0.1)
    result.duration = time.monotonic() - started
    return result


def median(values):
    return statistics.median(values) if values else float("nan")


# --- forms ---------------------------------------------------------------------------------------


class _FormParser(HTMLParser):
    """Collects forms with their fields: name, type, value, options (for selects), required."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self._form = {
                "action": attributes.get("action") or "",
                "method": (attributes.get("method") or "get").lower(),
                "enctype": attributes.get("enctype") or "",
                "id": attributes.get("id") or "",
                "fields": [],
            }
            self.forms.append(self._form)
        elif self._form is None or not attributes.get("name"):
            return
        elif tag == "input":
            self._form["fields"].append(
                {
                    "name": attributes["name"],
                    "type": (attributes.get("type") or "text").lower(),
                    "value": attributes.get("value") or "",
                    "checked": "checked" in attributes,
                    "required": "required" in attributes,
                    "options": [],
                }
            )
        elif tag == "textarea":
            self._textarea = {
                "name": attributes["name"],
                "type": "textarea",
                "value": "",
                "checked": False,
                "required": "required" in attributes,
                "options": [],
            }
            self._form["fields"].append(self._textarea)
        elif tag == "select":
            self._select = {
                "name": attributes["name"],
                "type": "select-multiple" if "multiple" in attributes else "select",
                "value": "",
                "checked": False,
                "required": "required" in attributes,
                "options": [],
            }
            self._form["fields"].append(self._select)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["value"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


class _OptionAwareParser(_FormParser):
    def handle_starttag(self, tag, attrs):
        if tag == "option" and self._select is not None:
            attributes = dict(attrs)
            value = attributes.get("value")
            if value is not None:
                self._select["options"].append(value)
                if "selected" in attributes:
                    self._select["value"] = value
            return
        super().handle_starttag(tag, attrs)


def parse_forms(html):
    parser = _OptionAwareParser()
    parser.feed(html)
    return parser.forms


def parse_links(html):
    """Every href in the page (anchors and alternates), in order."""
    return re.findall(r"""<a\b[^>]*\bhref=["']([^"'#]+)""", html)
