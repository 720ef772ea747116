"""Fuzz run over every public address a visitor can reach: each query parameter the site's own
links and forms use (plus the usual ones), and each field of its forms, gets very long strings,
Unicode edge cases, SQL and template injection strings, negative and huge page numbers and unknown
facet values. Passes when nothing answers 5xx and no HTML we sent comes back unescaped.

Usage: `make fuzz` (the full run against gunicorn with production settings), or
`scripts/fuzz.py --max-paths 60`. The test suite runs the same code on a small sample
(tests/operations/test_fuzz.py) through Django's test client.
"""

import argparse
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

MARKER = "kbfuzz"  # every HTML payload carries it, so a reflection is easy to spot

PAYLOADS = [
    "x" * 10_000,  # very long
    "é" * 3000 + "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",  # multi-byte and astral characters
    "\u202egnilles\u202c",  # right-to-left override
    "a\u200b\u200db\ufeff",  # zero-width characters and a byte-order mark
    "e\u0301\u0301\u0301\u0301\u0301",  # stacked combining accents
    "\x00nul",  # NUL byte
    "%00%ff%fe",  # literally percent signs
    "\ud800",  # a lone surrogate (cannot be encoded as UTF-8)
    "🏳️‍🌈👩🏽‍💻",  # emoji sequences
    "' OR '1'='1' --",
    "1; DROP TABLE wagtailcore_page; --",
    "\\' UNION SELECT password FROM auth_user --",
    "{{ 7|add:7 }}{% debug %}",
    "${7*7}#{7*7}<%= 7*7 %>",
    f"<{MARKER}>",
    f'"><{MARKER} onmouseover=alert(1)>',
    f"<script>{MARKER}()</script>",
    f"javascript:{MARKER}()",
    "../../../../etc/passwd",
    "-1",
    "0",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "2.5",
    "bestaat-niet-123",
    "",
    " ",
]

# Parameters worth trying on every page, besides those its own links and forms use.
COMMON_PARAMS = [
    "q",
    "page",
    "sort",
    "theme",
    "municipality",
    "province",
    "professional_group",
    "learning_form",
    "year",
    "lang",
    "format",
]

SKIP_PREFIXES = ("/admin/", "/documents/", "/static/", "/media/", "/django-admin/")


@dataclass
class Finding:
    kind: str  # "5xx" or "reflected"
    method: str
    path: str
    detail: str


@dataclass
class Report:
    requests: int = 0
    findings: list = field(default_factory=list)
    statuses: dict = field(default_factory=dict)
    paths: int = 0
    forms: int = 0
    cut_short: bool = False
    visited: list = field(default_factory=list)

    def note(self, status):
        self.requests += 1
        self.statuses[status] = self.statuses.get(status, 0) + 1


def same_site_path(href):
    parts = urlsplit(href)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    if (
        parts.netloc
        and parts.netloc not in ("127.0.0.1", "testserver", "localhost")
        and not (parts.netloc.startswith("127.0.0.1:"))
    ):
        return None
    path = parts.path or "/"
    if not path.startswith("/") or path.startswith(SKIP_PREFIXES):
        return None
    return path, parse_qsl(parts.query, keep_blank_values=True)


def shape(path):
    """Pages of one kind share a shape (first segment and depth), so the run samples each kind."""
    segments = [s for s in path.split("/") if s]
    return (segments[0] if segments else "", len(segments))


def discover(fetch, start_paths, max_pages=80, per_shape=3, seed=1):
    """Follow the site's own links like a visitor: addresses, their parameters, and forms."""
    from scripts.harness import parse_forms, parse_links

    rng = random.Random(seed)
    queue = list(start_paths)
    seen, params, forms, shapes = [], {}, [], {}
    while queue and len(seen) < max_pages:
        path = queue.pop(0)
        if path in seen:
            continue
        kind = shape(path)
        if shapes.get(kind, 0) >= per_shape:
            continue
        status, content_type, body = fetch("GET", path, None)
        if status != 200 or "html" not in content_type:
            if status == 200:  # feeds, sitemap, API: fuzz their parameters too
                seen.append(path)
                shapes[kind] = shapes.get(kind, 0) + 1
            continue
        seen.append(path)
        shapes[kind] = shapes.get(kind, 0) + 1
        links = parse_links(body)
        rng.shuffle(links)
        for href in links:
            found = same_site_path(href)
            if not found:
                continue
            target, query = found
            params.setdefault(target, set()).update(name for name, _ in query)
            if target not in seen and target not in queue:
                queue.append(target)
        for form in parse_forms(body):
            action = same_site_path(form["action"] or path)
            if not action:
                continue
            target = action[0]
            if form["method"] == "get":
                params.setdefault(target, set()).update(f["name"] for f in form["fields"])
                if target not in seen and target not in queue:
                    queue.append(target)
            elif not any(f["path"] == target for f in forms):
                forms.append({"path": target, "form": form})
    return seen, params, forms


def reflected(payload, content_type, body):
    """An HTML payload of ours in an HTML page, unescaped."""
    if "html" not in content_type or "<" not in payload or MARKER not in payload:
        return False
    return payload in body or f"<{MARKER}" in body or f"<script>{MARKER}" in body


# Parameters a page does not use itself get these few; its own parameters get every payload.
PROBES = [
    "x" * 10_000,
    f'"><{MARKER} onmouseover=alert(1)>',
    "' OR '1'='1' --",
    "-1",
    "\ud800",
]


def out_of_budget(report, max_requests, deadline):
    if max_requests and report.requests >= max_requests:
        return True
    if deadline and time.monotonic() > deadline:
        report.cut_short = True
        return True
    return False


def fuzz_get(fetch, paths, params, payloads, report, max_requests=None, deadline=None):
    probes = [p for p in PROBES if p in payloads] or payloads[:3]
    for path in paths:
        own = params.get(path, set()) - {"csrfmiddlewaretoken"}
        plan = [(name, payloads) for name in sorted(own)]
        plan += [(name, probes) for name in COMMON_PARAMS if name not in own]
        for name, values in plan:
            for payload in values:
                if out_of_budget(report, max_requests, deadline):
                    return
                query = quote_param(name, payload)
                address = f"{path}?{query}"
                status, content_type, body = fetch("GET", address, None)
                check(report, "GET", address, payload, status, content_type, body)
        # Repeated and combined parameters, as a sloppy link would send them.
        address = f"{path}?page=2&page=-1&q=a&q=" + quote("<" + MARKER + ">")
        status, content_type, body = fetch("GET", address, None)
        check(report, "GET", address, "<" + MARKER + ">", status, content_type, body)


def quote_param(name, payload):
    try:
        return urlencode({name: payload})
    except UnicodeEncodeError:  # a lone surrogate: send the raw bytes a broken client would
        return f"{name}=%ED%A0%80"


def fuzz_forms(fetch, forms, payloads, report, max_requests=None, deadline=None):
    """Each field of each POST form gets each payload while the others hold plausible values."""
    from scripts.fault_test import contribution_fields
    from scripts.harness import parse_forms

    for entry in forms:
        path, form = entry["path"], entry["form"]
        fillable = [
            f
            for f in form["fields"]
            if f["type"] not in ("hidden", "submit", "button", "file", "checkbox", "radio")
        ]
        for target in fillable:
            for payload in payloads:
                if out_of_budget(report, max_requests, deadline):
                    return
                status, _, html = fetch("GET", path, None)  # a fresh CSRF token, as a browser has
                current = next(
                    (
                        f
                        for f in parse_forms(html)
                        if f["method"] == "post" and f["action"] == form["action"]
                    ),
                    form,
                )
                values = [
                    (name, payload if name == target["name"] else value)
                    for name, value in contribution_fields(current, "fuzz")
                ]
                status, content_type, body = fetch("POST", path, values)
                check(
                    report,
                    "POST",
                    f"{path} [{target['name']}]",
                    payload,
                    status,
                    content_type,
                    body,
                )


def check(report, method, path, payload, status, content_type, body):
    report.note(status)
    short = payload if len(payload) < 40 else payload[:37] + "..."
    if status >= 500 or status == 0:
        report.findings.append(Finding("5xx", method, path[:160], f"{status} for {short!r}"))
    elif reflected(payload, content_type, body):
        report.findings.append(Finding("reflected", method, path[:160], f"echoes {short!r}"))


# --- the door: every public address gets the input no view should ever see --------------------

# Already percent-encoded, sent as they are: what a broken client or an attacker puts on the wire.
DOOR_PAYLOADS = {
    "NUL byte": "%00",
    "invalid UTF-8": "%FF%FE",
    "lone surrogate": "%ED%A0%80",
    "10,000 characters": "x" * 10_000,
}


def urlconf_paths(languages=("nl", "en")):
    """Every named URL pattern that needs no arguments, in each language, outside the admin."""
    from django.urls import NoReverseMatch, get_resolver, reverse
    from django.utils import translation

    names = {key for key in get_resolver().reverse_dict if isinstance(key, str)}
    paths = set()
    for language in languages:
        with translation.override(language):
            for name in names:
                try:
                    path = reverse(name)
                except NoReverseMatch:
                    continue
                if not path.startswith(SKIP_PREFIXES):
                    paths.add(path)
    return sorted(paths)


def sitemap_paths(fetch, limit=200):
    """Every page the sitemap lists (its <loc> addresses), as paths."""
    import re

    status, _, body = fetch("GET", "/sitemap.xml", None)
    if status != 200:
        return []
    found = []
    for loc in re.findall(r"<loc>([^<]+)</loc>", body):
        path = same_site_path(loc.strip())
        if path and path[0] not in found:
            found.append(path[0])
    return found[:limit]


def probe_door(fetch, paths, report, params=("q", "page")):
    """Each path gets each door payload as a parameter value and as a parameter name."""
    for path in paths:
        for label, payload in DOOR_PAYLOADS.items():
            for query in [f"{name}={payload}" for name in params] + [f"{payload}=1"]:
                address = f"{path}?{query}"
                status, content_type, body = fetch("GET", address, None)
                check(report, "GET", address, label, status, content_type, body)


def run(
    fetch,
    start_paths,
    payloads=PAYLOADS,
    max_pages=80,
    per_shape=3,
    max_requests=None,
    max_seconds=None,
):
    paths, params, forms = discover(fetch, start_paths, max_pages=max_pages, per_shape=per_shape)
    report = Report(paths=len(paths), forms=len(forms), visited=list(paths))
    started = time.monotonic()
    if max_seconds:
        # Forms get a third of the time, so a slow site still has its forms fuzzed.
        get_deadline = started + max_seconds * 2 / 3
        fuzz_get(fetch, paths, params, payloads, report, max_requests, get_deadline)
        fuzz_forms(fetch, forms, payloads, report, max_requests, started + max_seconds)
    else:
        fuzz_get(fetch, paths, params, payloads, report, max_requests)
        fuzz_forms(fetch, forms, payloads, report, max_requests)
    return report


# --- the full run against a production-like server ---------------------------------------------


def http_fetcher(port, on_post_batch=None):
    """GET/POST over http.client with a cookie jar, through the 'proxy' (X-Forwarded-Proto)."""
    from scripts.fault_test import Browser

    browser = Browser(port, "10.2.0.1")
    counter = [0]

    def fetch(method, path, values):
        counter[0] += 1
        if method == "POST" and counter[0] % 20 == 0 and on_post_batch:
            on_post_batch()  # e.g. clear accepted contributions: the form refuses past 50 pending
        browser.client_ip = f"10.2.{counter[0] // 250 % 250}.{counter[0] % 250}"  # no rate limit
        fields = None
        if values is not None:
            fields = {}
            for name, value in values:
                fields.setdefault(name, []).append(value)
        try:
            status, _, body = browser.request(method, path, fields)
        except UnicodeEncodeError:
            return 400, "text/plain", ""
        return status, browser.content_type, body

    return fetch


def main():
    from scripts.harness import (
        Server,
        collect_static,
        ensure_cluster,
        ensure_database,
        log,
        manage,
        page_paths,
        production_env,
        psql,
    )

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-pages", type=int, default=24)
    parser.add_argument("--per-shape", type=int, default=2)
    parser.add_argument("--max-seconds", type=float, default=300, help="fuzzing time budget")
    args = parser.parse_args()
    ensure_cluster()
    url = ensure_database("kb_fault", 300)
    # The agenda (activities with registration forms) and the colleagues (profiles with contact and
    # in-company forms, the question intake, answers): no practices, so the database stays reusable.
    for command in ("load_demo_colleagues", "load_demo_agenda"):
        manage(command, env={"DATABASE_URL": url})
    env = production_env(url, 0)
    collect_static(env)
    with Server(env, workers=2, threads=4) as server:
        started = time.monotonic()

        def clear_contributions():
            if psql("kb_fault", "SELECT to_regclass('contributions_contribution')"):
                psql("kb_fault", "DELETE FROM contributions_contribution")

        fetch = http_fetcher(server.port, clear_contributions)
        report = run(
            fetch,
            ["/", "/en/", "/zoeken/", "/en/search/", "/sitemap.xml", "/robots.txt"]
            + ["/agenda/", "/collegas/", "/stel-je-kennisvraag/", "/collega/aanmelden/"]
            + page_paths("kb_fault", "contributionformpage")
            + page_paths("kb_fault", "activitypage")[:4]
            + page_paths("kb_fault", "colleaguepage")[:4],
            max_pages=args.max_pages,
            per_shape=args.per_shape,
            max_seconds=args.max_seconds,
        )
        door = Report()
        door_paths = sorted(
            set(
                ["/", "/en/", "/feed/rss/", "/feed/atom/", "/en/feed/rss/", "/en/feed/atom/"]
                + sitemap_paths(fetch)
                + report.visited
            )
        )
        probe_door(fetch, door_paths, door)
        elapsed = time.monotonic() - started
    log(
        f"door: {len(door_paths)} addresses x NUL, invalid UTF-8, lone surrogate, 10,000 characters: "
        f"{door.requests} requests, statuses {dict(sorted(door.statuses.items()))}"
    )
    report.findings += door.findings
    log(
        f"fuzzed {report.paths} addresses and {report.forms} forms with {len(PAYLOADS)} payloads: "
        f"{report.requests} requests in {elapsed:.0f} s"
    )
    log(f"statuses: {dict(sorted(report.statuses.items()))}")
    if report.cut_short:
        log("(time budget reached before every combination was sent: raise --max-seconds)")
    for finding in report.findings[:40]:
        log(f"  {finding.kind:<9} {finding.method} {finding.path}  {finding.detail}")
    fivexx = sum(1 for f in report.findings if f.kind == "5xx")
    reflected_count = sum(1 for f in report.findings if f.kind == "reflected")
    log(f"5xx: {fivexx}   reflected HTML: {reflected_count}   (both must be 0)")
    return 1 if report.findings else 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
