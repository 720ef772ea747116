"""The public site works under its CSP (no 'unsafe-inline'): no page a visitor can reach carries
inline scripts, style attributes, <style> blocks, on* handlers or javascript: links."""

from html.parser import HTMLParser

import pytest
from django.test import Client

from scripts import fuzz
from tests.factories import MunicipalityFactory, ThemeFactory, make_practice

DATA_SCRIPT_TYPES = {"application/ld+json", "application/json", "text/template"}


class InlineCodeFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.offences = []
        self._inline_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and not attributes.get("src"):
            if (attributes.get("type") or "").lower() not in DATA_SCRIPT_TYPES:
                self._inline_script = True
        if tag == "style":
            self.offences.append("<style> block")
        for name, value in attrs:
            if name == "style":
                self.offences.append(f'<{tag} style="{value}">')
            elif name.startswith("on"):
                self.offences.append(f"<{tag} {name}=…>")
            elif name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.offences.append(f"<{tag} {name}=javascript:…>")

    def handle_data(self, data):
        if self._inline_script and data.strip():
            self.offences.append(f"inline <script>: {data.strip()[:60]}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._inline_script = False


def inline_code(html):
    finder = InlineCodeFinder()
    finder.feed(html)
    return finder.offences


def test_the_finder_recognises_each_kind_of_inline_code():
    html = (
        '<p style="color:red" onclick="x()"><a href="javascript:void(0)">a</a></p>'
        "<style>p{}</style><script>alert(1)</script>"
        '<script type="application/ld+json">{"@context": "https://schema.org"}</script>'
        '<script src="/static/js/x.js"></script>'
    )
    assert len(inline_code(html)) == 5


@pytest.fixture
def reachable_pages(practice_index):
    make_practice(
        practice_index,
        "Intervisie in het wijkteam",
        municipality=MunicipalityFactory(),
        themes=[ThemeFactory()],
    )
    client = Client()
    pages = {}

    def fetch(method, path, values):
        response = client.get(path)
        body = "" if response.streaming else response.content.decode("utf-8", "replace")
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            pages[path] = body
        return response.status_code, response.get("Content-Type", ""), body

    starts = ["/", "/en/", "/zoeken/?q=intervisie", "/en/search/?q=team", "/bestaat-niet/"]
    fuzz.discover(fetch, starts, max_pages=40, per_shape=2)
    for path in starts:  # discover() skips non-200 pages; the 404 page counts too
        response = client.get(path)
        pages[path] = response.content.decode()
    return pages


def test_no_public_page_has_inline_scripts_styles_or_handlers(reachable_pages):
    assert any("intervisie-in-het-wijkteam" in path for path in reachable_pages)
    offenders = {path: inline_code(html) for path, html in reachable_pages.items()}
    assert {path: found for path, found in offenders.items() if found} == {}
