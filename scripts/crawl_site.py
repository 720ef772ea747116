"""Crawls every page of a running site in headless Chromium and reports what a visitor would run into:
error statuses, console errors, broken assets, CSP violations, and pages without a language, a title,
exactly one h1, alt texts or unique ids. `python scripts/crawl_site.py http://127.0.0.1:8000`.

The same crawler is used by `tests/crawl/test_crawl.py` against the test server.
"""

import argparse
import os
import sys
import time
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urldefrag, urlencode, urljoin, urlsplit, urlunsplit

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as parse_xml  # the crawled site may be anyone's

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Addresses a crawl starts from besides the home pages; the 404 pages are visited on purpose.
START_PATHS = ["/", "/en/", "/robots.txt", "/sitemap.xml", "/feed/rss/", "/feed/atom/"]
NOT_FOUND_PATHS = ["/deze-pagina-bestaat-niet/", "/en/this-page-does-not-exist/"]
SKIP_PREFIXES = ("/admin/", "/django-admin/", "/api/v1/autocomplete")
# Files fetched as files, not opened as pages.
FILE_SUFFIXES = (
    *(".xml", ".txt", ".json", ".pdf", ".docx", ".xlsx", ".pptx", ".odt", ".csv", ".zip"),
    *(".ico", ".svg", ".png", ".jpg", ".jpeg", ".webp", ".css", ".js"),
)
FILE_PREFIXES = ("/documents/", "/media/", "/static/", "/api/")
FILE_PARTS = ("/feed/", "/download/")
EXPECTED_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".csv": "text/csv",
    ".txt": "text/plain",
    ".xml": "xml",
    ".json": "json",
    ".svg": "image/svg+xml",
    ".ico": "image/",
}
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

# Listens before any page script runs (an init script is not subject to the page's CSP).
INIT_SCRIPT = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline')
    + (e.sourceFile ? ' (' + e.sourceFile + ':' + e.lineNumber + ')' : ''));
});
"""

PAGE_FACTS = """
() => {
  const ids = {};
  for (const el of document.querySelectorAll('[id]')) ids[el.id] = (ids[el.id] || 0) + 1;
  return {
    lang: document.documentElement.getAttribute('lang') || '',
    title: (document.title || '').trim(),
    h1: document.querySelectorAll('h1').length,
    imagesWithoutAlt: [...document.querySelectorAll('img:not([alt])')].map(i => i.outerHTML.slice(0, 120)),
    duplicateIds: Object.keys(ids).filter(id => ids[id] > 1),
    links: [...document.querySelectorAll('a[href]')].map(a => ({
      href: new URL(a.getAttribute('href'), document.baseURI).href, lang: a.getAttribute('hreflang') || a.getAttribute('lang') || '',
      switcher: !!a.closest('.language-switcher'),
    })),
    icons: [...document.querySelectorAll('link[rel~=icon][href]')].map(l => l.href),
    // What a visitor gets by changing a drop-down (sort order) in a GET form and submitting it.
    formVariants: [...document.querySelectorAll('main form select[name]')]
      .filter(s => s.form && (s.form.method || 'get').toLowerCase() === 'get')
      .flatMap(s => [...s.options].map(o => {
        const data = new FormData(s.form); data.set(s.name, o.value);
        const target = new URL(s.form.getAttribute('action') || location.href, document.baseURI);
        target.search = new URLSearchParams(data).toString();
        return target.href;
      })),
    alternates: [...document.querySelectorAll('link[rel=alternate][href]')].map(l => ({
      href: l.href, type: l.getAttribute('type') || '', hreflang: l.getAttribute('hreflang') || ''})),
    csp: window.__cspViolations || [],
  };
}
"""


@dataclass
class Visit:
    url: str
    status: int = 0
    content_type: str = ""
    kind: str = "page"  # page, file, feed, sitemap
    problems: list = field(default_factory=list)
    links: list = field(default_factory=list)  # dicts with href, lang, switcher
    found_on: str = ""
    signature: str = ""


@dataclass
class CrawlReport:
    base_url: str
    visits: dict = field(default_factory=dict)
    external_links: set = field(default_factory=set)
    skipped: int = 0
    left_at_limit: int = 0  # addresses still queued when `limit` stopped the crawl
    seconds: float = 0.0
    axe: dict = field(default_factory=dict)  # url -> list of violation descriptions
    axe_signatures: set = field(default_factory=set)  # the page types axe-core has checked

    @property
    def failures(self):
        return {url: v.problems for url, v in self.visits.items() if v.problems}

    def pages(self, kind="page"):
        return [v for v in self.visits.values() if v.kind == kind]

    def summary(self):
        kinds = {}
        for visit in self.visits.values():
            kinds[visit.kind] = kinds.get(visit.kind, 0) + 1
        counts = ", ".join(f"{n} {kind}s" for kind, n in sorted(kinds.items()))
        lines = [
            f"Crawled {len(self.visits)} addresses on {self.base_url} in {self.seconds:.1f} s "
            f"({counts}); {len(self.external_links)} external links not followed, "
            f"{self.skipped} variants skipped; axe-core on {len(self.axe)} page types.",
        ]
        if self.left_at_limit:
            lines.append(
                f"The limit stopped the crawl with {self.left_at_limit} addresses not visited."
            )
        failures = self.failures
        axe_failures = {url: found for url, found in self.axe.items() if found}
        if not failures and not axe_failures:
            lines.append("No problems found.")
        for url, problems in sorted(failures.items()):
            found_on = self.visits[url].found_on
            lines.append(f"\n{url}" + (f"  (linked from {found_on})" if found_on else ""))
            lines.extend(f"  - {problem}" for problem in problems)
        for url, found in sorted(axe_failures.items()):
            lines.append(f"\n{url}  (axe-core)")
            lines.extend(f"  - {violation}" for violation in found)
        return "\n".join(lines)


def normalise(url, base):
    """The crawlable form of `url` (same host, no fragment, sorted query), or None when external."""
    url = urldefrag(url)[0]
    parts, home = urlsplit(url), urlsplit(base)
    if parts.scheme not in ("http", "https"):
        return None
    if parts.netloc != home.netloc:
        return None
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return urlunsplit((home.scheme, home.netloc, parts.path or "/", query, ""))


def rebase(url, base):
    """An address from a sitemap or feed, which name the site's configured host, on the crawled host."""
    parts, home = urlsplit(url), urlsplit(base)
    return urlunsplit((home.scheme, home.netloc, parts.path or "/", parts.query, ""))


def is_file(path):
    return (
        path.startswith(FILE_PREFIXES)
        or path.endswith(FILE_SUFFIXES)
        or any(part in path for part in FILE_PARTS)
    )


def section(path):
    """The part of the site an address belongs to: language and first path segment."""
    segments = [s for s in path.split("/") if s]
    if segments[:1] == ["en"]:
        return "/".join(segments[:2])
    return segments[0] if segments else ""


class Frontier:
    """The addresses still to visit, bounded: each path once, its query variants capped."""

    def __init__(self, base, limit, variants_per_path, per_section=None):
        self.base, self.limit, self.variants_per_path = base, limit, variants_per_path
        self.per_section, self.sections = per_section, {}
        self.queue, self.seen, self.found_on, self.popped = [], set(), {}, {}
        self.done = 0
        self.variants, self.shapes = {}, set()
        self.skipped = 0
        self.left_at_limit = 0

    def add(self, url, found_on=""):
        url = normalise(url, self.base)
        if url is None or url in self.seen:
            return
        parts = urlsplit(url)
        if parts.path.startswith(SKIP_PREFIXES):
            return
        if parts.query:
            keys = tuple(sorted({key for key, _ in parse_qsl(parts.query)}))
            shape = (parts.path, keys)
            # A new combination of parameters is always worth one visit; more values of the
            # same parameters (every facet, every page number) only up to the cap.
            count = self.variants.get(parts.path, 0)
            if shape in self.shapes and count >= self.variants_per_path:
                self.skipped += 1
                return
            self.shapes.add(shape)
            self.variants[parts.path] = count + 1
        elif self.per_section and not is_file(parts.path):
            # Hundreds of pages of one kind (every municipality) add time, not findings.
            name = section(parts.path)
            cap = self.per_section
            if isinstance(cap, dict):
                cap = cap.get(name, cap.get("*"))
            if cap is not None and self.sections.get(name, 0) >= cap:
                self.skipped += 1
                return
            self.sections[name] = self.sections.get(name, 0) + 1
        self.seen.add(url)
        self.found_on[url] = found_on
        self.queue.append(url)

    def pop(self):
        """The next address: files first, then the kind of page visited least so far, so that the
        cap cuts short the hundreds of municipalities rather than the publications' downloads."""
        if not self.queue or self.done >= self.limit:
            self.skipped += len(self.queue)
            self.left_at_limit = len(self.queue)
            self.queue = []
            return None
        self.done += 1
        popped = self.popped

        def visits(url):
            path = urlsplit(url).path
            return (not is_file(path), popped.get(section(path), 0))  # files are quick: first

        url = min(self.queue, key=visits)
        self.queue.remove(url)
        name = section(urlsplit(url).path)
        popped[name] = popped.get(name, 0) + 1
        return url


def signature(url):
    """The page type an address stands for, to run axe-core on one address of each type.

    Languages share a type (their templates are the same); only the search page counts its
    query as a type of its own (results versus an empty form).
    """
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    if segments[:1] == ["en"]:
        segments = segments[1:]
    if not segments:
        return "home"
    head = "search" if segments[0] in ("zoeken", "search") else segments[0]
    if head == "search":
        return "search?" if parts.query else "search"
    if head in ("stel-je-kennisvraag", "ask-your-question") and len(segments) == 1:
        # The intake's second step (what exists, then the question form) is its own type.
        return "intake?" if parts.query else "intake"
    kind = f"{head}/{'detail' if len(segments) > 1 else 'index'}"
    if len(segments) > 2 and not segments[-1].isdigit():
        # A form beneath a page or a signed link (…/aanmelden/, …/incompany/, …/<token>/).
        kind += f"/{segments[-1]}"
    return kind


def check_file(context, url, visit, frontier):
    try:
        response = context.request.get(url, max_redirects=5, fail_on_status_code=False)
    except Exception as error:  # refused, reset, timed out
        visit.kind = "file"
        visit.problems.append(f"does not load: {str(error).splitlines()[0]}")
        return
    visit.status = response.status
    visit.content_type = response.headers.get("content-type", "")
    if response.status >= 400:
        visit.problems.append(f"answers {response.status}")
        return
    body = response.body()
    path = urlsplit(url).path
    suffix = Path(path).suffix.lower()
    disposition = response.headers.get("content-disposition", "")
    if "filename=" in disposition:
        suffix = Path(disposition.split("filename=", 1)[1].split(";")[0].strip('"')).suffix.lower()
    if path.endswith("sitemap.xml") or "/feed/" in path:
        check_xml(body, url, visit, frontier)
        return
    if path == "/robots.txt":
        visit.kind = "file"
        text = body.decode("utf-8", "replace")
        for line in text.splitlines():
            if line.lower().startswith("sitemap:"):
                frontier.add(rebase(line.split(":", 1)[1].strip(), frontier.base), url)
        return
    visit.kind = "file"
    if not body:
        visit.problems.append("empty file")
    expected = EXPECTED_TYPES.get(suffix)
    if expected and expected not in visit.content_type:
        visit.problems.append(
            f"{suffix} file served as {visit.content_type!r}, expected {expected}"
        )
    if suffix == ".pdf" and not body.startswith(b"%PDF"):
        visit.problems.append("a .pdf that is not a PDF")


def check_xml(body, url, visit, frontier):
    try:
        root = parse_xml(body)
    except (ElementTree.ParseError, DefusedXmlException) as error:
        visit.kind = "feed"
        visit.problems.append(f"not well-formed XML: {error}")
        return
    if root.tag == f"{SITEMAP}urlset" or root.tag == f"{SITEMAP}sitemapindex":
        visit.kind = "sitemap"
        locations = [loc.text.strip() for loc in root.iter(f"{SITEMAP}loc") if loc.text]
        if not locations:
            visit.problems.append("sitemap lists no addresses")
        for location in locations:
            frontier.add(rebase(location, frontier.base), url)
        return
    visit.kind = "feed"
    if root.tag == "rss":
        channel = root.find("channel")
        if channel is None or channel.find("title") is None or channel.find("link") is None:
            visit.problems.append("RSS without channel title or link")
            return
        for item in channel.findall("item"):
            if item.find("title") is None or item.find("link") is None:
                visit.problems.append("RSS item without title or link")
            else:
                frontier.add(rebase(item.findtext("link").strip(), frontier.base), url)
    elif root.tag == f"{ATOM}feed":
        for required in ("id", "title", "updated"):
            if root.find(f"{ATOM}{required}") is None:
                visit.problems.append(f"Atom feed without <{required}>")
        for entry in root.findall(f"{ATOM}entry"):
            missing = [t for t in ("id", "title", "updated") if entry.find(f"{ATOM}{t}") is None]
            if missing:
                visit.problems.append(f"Atom entry without {', '.join(missing)}")
            for link in entry.findall(f"{ATOM}link"):
                if link.get("href"):
                    frontier.add(rebase(link.get("href"), frontier.base), url)
    else:
        visit.problems.append(f"XML that is neither a feed nor a sitemap: <{root.tag}>")


def check_page(page, url, visit, frontier, expected_status=None):
    console, failed = [], []
    host = urlsplit(frontier.base).netloc

    def on_console(message):
        if message.type == "error":
            console.append(message.text)

    def on_failed(request):
        # ERR_ABORTED: the crawl moved on before a late request (the icon) was done; a missing
        # file shows up as its status instead.
        if urlsplit(request.url).netloc == host and "ERR_ABORTED" not in str(request.failure):
            failed.append(f"{request.url} ({request.failure})")

    def on_response(response):
        request = response.request
        if response.status >= 400 and request.resource_type != "document":
            if urlsplit(response.url).netloc == host:
                failed.append(f"{response.url} answered {response.status}")

    page.on("console", on_console)
    page.on("requestfailed", on_failed)
    page.on("response", on_response)
    try:
        try:
            response = page.goto(url, wait_until="load")
        except Exception as error:  # a download, or a page that never loads
            if "Download is starting" in str(error):
                visit.kind = "file"
                return False
            visit.problems.append(f"does not load: {str(error).splitlines()[0]}")
            return True
        visit.status = response.status if response else 0
        visit.content_type = (response.headers.get("content-type", "") if response else "") or ""
        if "html" not in visit.content_type:
            return False
        if expected_status and visit.status != expected_status:
            visit.problems.append(f"answers {visit.status}, expected {expected_status}")
        elif not expected_status and visit.status >= 400:
            visit.problems.append(f"answers {visit.status}")
        facts = page.evaluate(PAGE_FACTS)
    finally:
        page.remove_listener("console", on_console)
        page.remove_listener("requestfailed", on_failed)
        page.remove_listener("response", on_response)
    visit.kind = "page"
    # A translation is the same page type as the page it translates, which it names as its
    # x-default alternate: axe-core checks the type once, not once per language.
    default = next((a["href"] for a in facts["alternates"] if a["hreflang"] == "x-default"), url)
    visit.signature = signature(default) if not expected_status else f"status-{expected_status}"
    # The 404 itself is reported by the browser as a console error; it is deliberate here.
    console = [c for c in console if not (expected_status and str(expected_status) in c)]
    visit.problems += [f"console error: {text}" for text in console]
    visit.problems += [f"asset failed: {text}" for text in failed]
    visit.problems += [f"CSP violation: {text}" for text in facts["csp"]]
    if not facts["lang"]:
        visit.problems.append("<html> has no lang")
    if not facts["title"]:
        visit.problems.append("no <title>")
    if facts["h1"] != 1:
        visit.problems.append(f"<h1> elements: {facts['h1']}, expected exactly one")
    visit.problems += [f"image without alt: {html}" for html in facts["imagesWithoutAlt"]]
    visit.problems += [f"duplicate id: {ident}" for ident in facts["duplicateIds"]]
    visit.links = facts["links"]
    for link in facts["links"]:
        target = normalise(link["href"], frontier.base)
        if target is None:
            if link["href"].startswith(("http://", "https://")):
                frontier.external_links.add(link["href"])
            continue
        frontier.add(target, url)
    for alternate in facts["alternates"]:
        frontier.add(alternate["href"], url)
    for variant in facts["formVariants"]:
        frontier.add(variant, url)
    # Without a declared icon every browser asks for /favicon.ico (Playwright does not show that).
    for icon in facts["icons"] or [urljoin(frontier.base, "/favicon.ico")]:
        frontier.add(icon, url)
    return True


def crawl(
    browser,
    base_url,
    *,
    limit=400,
    variants_per_path=6,
    per_section=None,
    axe=True,
    extra_paths=(),
):
    """Visit everything reachable from the home pages; returns a CrawlReport.

    `limit` caps the addresses, `variants_per_path` the query strings of one path beyond its
    first of each combination of parameters, `per_section` the pages of one kind (a number, or a dict of section → number with
    "*" for the rest; a section is the first path segment, with its language: "en/gemeente").
    """
    started = time.monotonic()
    base_url = base_url.rstrip("/")
    frontier = Frontier(base_url + "/", limit, variants_per_path, per_section)
    frontier.external_links = set()
    report = CrawlReport(base_url=base_url)
    context = browser.new_context(locale="nl-NL", accept_downloads=False)
    context.add_init_script(INIT_SCRIPT)
    # Nothing leaves the machine: a page that needs the internet shows up as a failed request.
    host = urlsplit(base_url).netloc
    context.route(
        "**/*",
        lambda route: (
            route.continue_() if urlsplit(route.request.url).netloc == host else route.abort()
        ),
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        for path in [*START_PATHS, *extra_paths]:
            frontier.add(urljoin(base_url + "/", path.lstrip("/")))
        for path in NOT_FOUND_PATHS:
            visit = Visit(url=base_url + path)
            frontier.seen.add(visit.url)
            check_page(page, visit.url, visit, frontier, expected_status=404)
            report.visits[visit.url] = visit
            if axe:
                run_axe(page, visit, report)
        while (url := frontier.pop()) is not None:
            visit = Visit(url=url, found_on=frontier.found_on.get(url, ""))
            if is_file(urlsplit(url).path) or not check_page(page, url, visit, frontier):
                check_file(context, url, visit, frontier)
            report.visits[url] = visit
            if axe:
                run_axe(page, visit, report)
    finally:
        context.close()
    report.external_links = frontier.external_links
    report.skipped = frontier.skipped
    report.left_at_limit = frontier.left_at_limit
    report.seconds = time.monotonic() - started
    return report


def run_axe(page, visit, report):
    """axe-core on the first address of each page type (the accessibility engineer's harness), in
    the tab that has just loaded it: the page as the crawl checked it, without loading it again."""
    if visit.kind != "page" or not visit.signature:
        return
    if visit.signature in report.axe_signatures:
        return
    report.axe_signatures.add(visit.signature)
    root = str(Path(__file__).resolve().parent.parent)
    if root not in sys.path:
        sys.path.insert(0, root)
    from tests.browser.axe import wcag_violations

    report.axe[visit.url] = [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + "; ".join(" ".join(map(str, n["target"])) for n in v["nodes"][:5])
        for v in wcag_violations(page)
    ]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base_url", help="e.g. http://127.0.0.1:8000")
    parser.add_argument("--limit", type=int, default=400, help="at most this many addresses")
    parser.add_argument("--per-section", type=int, help="at most this many pages of one kind")
    parser.add_argument("--no-axe", action="store_true", help="skip axe-core")
    parser.add_argument("--list", action="store_true", help="list every address visited")
    args = parser.parse_args(argv)
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            report = crawl(
                browser,
                args.base_url,
                limit=args.limit,
                per_section=args.per_section,
                axe=not args.no_axe,
            )
        finally:
            browser.close()
    if args.list:
        for visit in report.visits.values():
            print(f"{visit.status} {visit.kind:7} {visit.url}")
    print(report.summary())
    return 1 if report.failures or any(report.axe.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
