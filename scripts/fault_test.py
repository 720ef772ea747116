"""Fault runs against a production-like server (gunicorn, production settings) under load:

  search    the search engine answers normally, then slowly, then with errors, then not at all:
            search pages must keep answering (from the database) with zero 5xx.
  postgres  PostgreSQL (the scripts' own cluster, never the shared one on :5432) is restarted
            mid-run while visitors browse and editors publish and contributors submit: requests
            during the restart get the friendly 503, the site recovers by itself within seconds,
            and every acknowledged edit and contribution is in the database afterwards.

Usage: `make fault-test` (both), or `scripts/fault_test.py search|postgres [--seconds N]`.
"""

import argparse
import http.client
import re
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.faulty_proxy import FaultyProxy  # noqa: E402
from scripts.harness import (  # noqa: E402
    HOST,
    PROXY_HEADERS,
    Server,
    cluster_command,
    collect_static,
    ensure_cluster,
    ensure_database,
    log,
    manage,
    page_paths,
    parse_forms,
    pg_ready,
    production_env,
    psql,
    run_load,
)

DATABASE = "kb_fault"
PRACTICES = 300
SEARCH_TERMS = ["intervisie", "keukentafel", "wijkteam", "jeugdhulp", "netwerk", "bedoeling"]


# --- search engine faults ---------------------------------------------------------------------


def search_faults(seconds):
    from osmem_server import OsmemServer

    ensure_cluster()
    url = ensure_database(DATABASE, PRACTICES)
    engine = OsmemServer.start(japanese=False)
    proxy = FaultyProxy(engine.url, delay=3.0)
    log(f"engine: osmem-server at {engine.url}, reached through the faulty proxy at {proxy.url}")
    try:
        env = production_env(url, 0, ELASTICSEARCH_URL=proxy.url, SEARCH_ENGINE_TIMEOUT="1.0")
        collect_static(env)
        started = time.monotonic()
        manage("update_index", env={**env, "DJANGO_SETTINGS_MODULE": "kennisbank.settings.dev"})
        log(f"indexed {PRACTICES} practices into the engine in {time.monotonic() - started:.0f} s")
        # A unique, ignored parameter per request: the page cache must not hide the engine.
        paths = [f"/zoeken/?q={term}&run={{n}}" for term in SEARCH_TERMS] + [
            f"/zoeken/?q={term}&page=2&run={{n}}" for term in SEARCH_TERMS[:2]
        ]
        paths += ["/en/search/?q=team&run={n}", "/zoeken/?q=wijkteam&sort=date&run={n}"]
        failures = 0
        with Server(env, workers=2, threads=8) as server:
            run_load(server.port, paths, users=2, seconds=2)  # warm up
            log(
                f"{'phase':<8} {'requests':>8} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} "
                f"{'5xx':>4} {'with hits':>9}  engine requests"
            )
            for mode in ("pass", "slow", "error", "drop", "stopped"):
                if mode == "stopped":
                    engine.close()  # the engine process is gone; the proxy finds nobody home
                    proxy.mode = "pass"
                else:
                    proxy.mode = mode
                before = dict(proxy.requests)
                result = run_load(server.port, paths, users=10, seconds=seconds, timeout=20)
                fivexx = sum(1 for s in result.samples if s.status >= 500 or s.status == 0)
                with_hits = hits_fraction(server.port, paths)
                failures += fivexx
                engine_calls = sum(proxy.requests.values()) - sum(before.values())
                log(
                    f"{mode:<8} {len(result.samples):>8} {len(result.samples) / result.duration:>7.1f} "
                    f"{result.percentile(0.5) * 1000:>8.0f} {result.percentile(0.95) * 1000:>8.0f} "
                    f"{fivexx:>4} {with_hits:>8.0%}  {engine_calls}"
                )
            status, _, body = server.get("/readyz")
            log(f"/readyz with the engine stopped: {status} {body.decode()}")
        log(f"search fault run: {failures} responses were 5xx or unanswered (must be 0)")
        return failures
    finally:
        proxy.close()
        engine.close()


def hits_fraction(port, paths):
    """Share of search pages that show at least one practice (answered, not just 200)."""
    with_hits = 0
    for path in paths:
        path = path.replace("{n}", f"check-{time.monotonic()}")
        connection = http.client.HTTPConnection(HOST, port, timeout=20)
        connection.request("GET", path, headers=PROXY_HEADERS)
        body = connection.getresponse().read().decode("utf-8", "replace")
        connection.close()
        if "Praktijkvoorbeeld " in body:
            with_hits += 1
    return with_hits / len(paths)


# --- PostgreSQL restart -----------------------------------------------------------------------


class Browser:
    """A cookie-keeping HTTP client that looks like a browser behind the TLS-terminating proxy."""

    def __init__(self, port, client_ip):
        self.port = port
        self.cookies = {}
        self.client_ip = client_ip
        self.content_type = ""

    def request(self, method, path, fields=None):
        headers = dict(PROXY_HEADERS)
        headers["X-Real-IP"] = self.client_ip
        headers["Referer"] = f"https://{HOST}:{self.port}{path.split('?')[0]}"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            body = urlencode(fields, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(HOST, self.port, timeout=20)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            payload = response.read().decode("utf-8", "replace")
            self.content_type = response.getheader("Content-Type") or ""
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.cookies[key] = rest.split(";")[0]
            return response.status, response.getheader("Location") or "", payload
        except (OSError, http.client.HTTPException) as error:
            return 0, "", str(error)
        finally:
            connection.close()

    def login(self, username, password):
        status, _, html = self.request("GET", "/admin/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        status, location, _ = self.request(
            "POST",
            "/admin/login/",
            {"username": username, "password": password, "csrfmiddlewaretoken": token},
        )
        if status != 302:
            raise SystemExit(f"could not log in to the admin ({status})")


def form_values(form, overrides):
    """What a browser would send for `form` as rendered, with `overrides` applied."""
    values = []
    for field in form["fields"]:
        name, kind = field["name"], field["type"]
        if name in overrides:
            continue
        if kind in ("checkbox", "radio"):
            if field["checked"]:
                values.append((name, field["value"] or "on"))
        elif kind in ("submit", "button", "file", "image"):
            continue
        elif kind == "select-multiple":
            continue
        else:
            values.append((name, field["value"]))
    for name, value in overrides.items():
        for item in value if isinstance(value, list) else [value]:
            values.append((name, item))
    return values


class Writers:
    """Editors publishing the home page and visitors submitting contributions, back to back.

    A write is acknowledged when the site answers with the redirect it gives after a successful
    save; each acknowledged write carries a unique stamp that is looked up in the database later.
    """

    def __init__(self, port, home_id, contribution_path):
        self.port = port
        self.home_id = home_id
        self.contribution_path = contribution_path
        self.acknowledged_edits = []
        self.acknowledged_contributions = []
        self.refused = {}
        self.stop = threading.Event()

    def note_refusal(self, kind, status):
        self.refused[(kind, status)] = self.refused.get((kind, status), 0) + 1

    def editor(self):
        browser = Browser(self.port, "10.0.0.1")
        browser.login("opsbeheer", "ops-wachtwoord-voor-de-foutentest")
        edit_path = f"/admin/pages/{self.home_id}/edit/"
        number = 0
        while not self.stop.is_set():
            number += 1
            stamp = f"ops-edit-{int(time.time())}-{number}"
            status, _, html = browser.request("GET", edit_path)
            forms = (
                [f for f in parse_forms(html) if f["id"] == "page-edit-form"]
                if status == 200
                else []
            )
            if not forms:
                self.note_refusal("edit form", status)
                time.sleep(0.3)
                continue
            fields = form_values(
                forms[0], {"introduction": stamp, "action-publish": "action-publish"}
            )
            status, location, _ = browser.request("POST", edit_path, dict_list(fields))
            if status == 302:
                self.acknowledged_edits.append(stamp)
            else:
                self.note_refusal("edit", status)
            time.sleep(0.2)

    def contributor(self):
        number = 0
        while not self.stop.is_set() and self.contribution_path:
            number += 1
            browser = Browser(self.port, f"10.1.{number // 250}.{number % 250}")
            stamp = f"ops-bijdrage-{int(time.time())}-{number}"
            status, _, html = browser.request("GET", self.contribution_path)
            forms = [f for f in parse_forms(html) if f["method"] == "post"] if status == 200 else []
            if not forms:
                self.note_refusal("contribution form", status)
                time.sleep(0.3)
                continue
            fields = contribution_fields(forms[0], stamp)
            status, location, _ = browser.request("POST", self.contribution_path, dict_list(fields))
            if status == 302 and "verzonden" in location:
                self.acknowledged_contributions.append(stamp)
            else:
                self.note_refusal("contribution", status)
            time.sleep(0.3)


def reported(function):
    """A thread target that says why it stopped, instead of dying silently."""

    def run():
        try:
            function()
        except BaseException as error:  # noqa: BLE001 (a thread must not take the run down)
            log(f"{function.__name__} stopped: {error!r}")

    return run


def dict_list(pairs):
    merged = {}
    for name, value in pairs:
        merged.setdefault(name, []).append(value)
    return merged


def contribution_fields(form, stamp):
    """Fill every field plausibly; the honeypot ("website") stays empty as a person leaves it."""
    overrides = {}
    for field in form["fields"]:
        name, kind = field["name"], field["type"]
        if name in ("website", "csrfmiddlewaretoken") or kind in ("hidden", "submit", "file"):
            continue
        if kind == "email":
            overrides[name] = "inzender@example.nl"
        elif kind == "number":
            overrides[name] = "2020"
        elif kind == "checkbox":
            overrides.setdefault(name, field["value"] or "on")  # first choice of each group
        elif kind in ("select", "select-multiple"):
            options = [o for o in field["options"] if o]
            if options:
                overrides[name] = options[0]
        elif name == "municipality":
            overrides[name] = "Utrecht"
        elif kind == "url":
            overrides[name] = "https://example.nl/"
        else:
            overrides[name] = f"{stamp} Een verhaal over intervisie in het wijkteam, met lessen."
    return form_values(form, overrides)


def postgres_restart(seconds):
    ensure_cluster()
    url = ensure_database(DATABASE, PRACTICES)
    env = production_env(url, 0, CONN_MAX_AGE="60")
    collect_static(env)
    manage(
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model; U = get_user_model(); "
        "u, _ = U.objects.get_or_create(username='opsbeheer', defaults={'is_superuser': True, "
        "'is_staff': True, 'email': 'ops@example.nl'}); "
        "u.set_password('ops-wachtwoord-voor-de-foutentest'); u.save()",
        env={"DATABASE_URL": url},
    )
    if psql(DATABASE, "SELECT to_regclass('contributions_contribution')"):
        psql(DATABASE, "DELETE FROM contributions_contribution")  # stay under the pending limit
    home_id = psql(
        DATABASE,
        "SELECT root_page_id FROM wagtailcore_site WHERE is_default_site",
    )
    contribution_pages = page_paths(DATABASE, "contributionformpage")
    contribution_path = contribution_pages[0] if contribution_pages else None
    practices = page_paths(DATABASE, "practicepage")[:100]
    paths = ["/", "/en/", "/zoeken/?q=intervisie", "/zoeken/?q=wijkteam"] + practices

    with Server(env, workers=2, threads=8) as server:
        writers = Writers(server.port, home_id, contribution_path)
        threads = [
            threading.Thread(target=reported(writers.editor), daemon=True),
            threading.Thread(target=reported(writers.contributor), daemon=True),
        ]
        for thread in threads:
            thread.start()
        restart = {}

        def restart_postgres():
            time.sleep(seconds / 3)
            restart["begin"] = time.monotonic() - load_started
            import subprocess

            subprocess.run(cluster_command("restart"), check=True)
            while not pg_ready():
                time.sleep(0.05)
            restart["end"] = time.monotonic() - load_started

        load_started = time.monotonic()
        restarter = threading.Thread(target=restart_postgres, daemon=True)
        restarter.start()
        result = run_load(server.port, paths, users=10, seconds=seconds, timeout=20)
        writers.stop.set()
        for thread in threads + [restarter]:
            thread.join(timeout=30)

    begin, end = restart["begin"], restart["end"]
    during = [s for s in result.samples if begin - 0.5 <= s.started <= end + 5]
    bad = [s for s in result.samples if s.status >= 500 and s.status != 503 or s.status == 0]
    after_restart = sorted(
        (s for s in result.samples if s.started >= end and s.status == 200), key=lambda s: s.started
    )
    recovered_after = (
        (after_restart[0].started + after_restart[0].latency - end) if after_restart else None
    )
    statuses_503 = [s for s in result.samples if s.status == 503]
    last_503 = max((s.started + s.latency for s in statuses_503), default=None)
    log(
        f"PostgreSQL restart took {end - begin:.1f} s (at t={begin:.1f} s of a {seconds:.0f} s run)"
    )
    log(result.summary("whole run: "))
    log(f"around the restart: {len(during)} requests, statuses {statuses(during)}")
    log(f"friendly 503s: {len(statuses_503)}; other 5xx or unanswered: {len(bad)} (must be 0)")
    if recovered_after is not None:
        log(f"first 200 after PostgreSQL was back: {recovered_after:.2f} s later")
    if last_503 is not None:
        log(f"last 503 answered {last_503 - end:+.2f} s after PostgreSQL was back")

    lost_edits = [s for s in writers.acknowledged_edits if not stamp_in_revisions(s)]
    lost_contributions = [
        s for s in writers.acknowledged_contributions if not stamp_in_contributions(s)
    ]
    log(
        f"edits acknowledged: {len(writers.acknowledged_edits)}, lost: {len(lost_edits)}; "
        f"contributions acknowledged: {len(writers.acknowledged_contributions)}, "
        f"lost: {len(lost_contributions)}"
        + ("" if contribution_path else " (no contribution form page on this site)")
    )
    log(f"writes not acknowledged (refused, to be retried by the person): {writers.refused}")
    recovered = recovered_after is not None and recovered_after < 10
    return len(bad) + len(lost_edits) + len(lost_contributions) + (0 if recovered else 1)


def statuses(samples):
    counts = {}
    for sample in samples:
        counts[sample.status] = counts.get(sample.status, 0) + 1
    return dict(sorted(counts.items()))


def stamp_in_revisions(stamp):
    sql = "SELECT count(*) FROM wagtailcore_revision WHERE content::text LIKE %s"
    return psql(DATABASE, sql, (f"%{stamp}%",)) != "0"


def stamp_in_contributions(stamp):
    sql = "SELECT count(*) FROM contributions_contribution c WHERE row_to_json(c)::text LIKE %s"
    return psql(DATABASE, sql, (f"%{stamp}%",)) != "0"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", choices=["search", "postgres", "all"], default="all")
    parser.add_argument(
        "--seconds", type=float, default=12.0, help="per phase (search) / run (postgres: x2)"
    )
    args = parser.parse_args()
    failures = 0
    if args.scenario in ("search", "all"):
        log("== search engine stopped, slow, failing")
        failures += search_faults(args.seconds)
    if args.scenario in ("postgres", "all"):
        log("== PostgreSQL restarted during a load run")
        failures += postgres_restart(args.seconds * 2)
    log("fault runs passed" if not failures else f"fault runs FAILED ({failures} problems)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
