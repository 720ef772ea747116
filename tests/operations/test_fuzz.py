"""Bad input on every public address gives no 5xx and no reflected HTML: a small sample of the
fuzz run (`make fuzz` runs the full set against gunicorn)."""

import pytest
from django.test import Client

from scripts import fuzz
from tests.factories import MunicipalityFactory, ThemeFactory, make_practice

SAMPLE = [
    "x" * 10_000,
    "\u202egnilles\u202c\x00",
    "\ud800",
    "' OR '1'='1' --",
    "{{ 7|add:7 }}{% debug %}",
    f'"><{fuzz.MARKER} onmouseover=alert(1)>',
    "-1",
    "99999999999999999999999999",
    "bestaat-niet-123",
]


def django_fetcher():
    client = Client(raise_request_exception=False)

    def fetch(method, path, values):
        if method == "POST":
            data = {}
            for name, value in values:
                data.setdefault(name, []).append(value)
            response = client.post(path, data)
        else:
            try:
                response = client.get(path)
            except UnicodeEncodeError:
                return 400, "text/plain", ""
        body = response.content.decode("utf-8", "replace") if not response.streaming else ""
        return response.status_code, response.get("Content-Type", ""), body

    return fetch


@pytest.fixture
def site_with_a_practice(practice_index):
    make_practice(
        practice_index,
        "Intervisie in het wijkteam",
        municipality=MunicipalityFactory(),
        themes=[ThemeFactory()],
    )


def test_fuzzing_public_addresses_gives_no_5xx_and_no_reflected_html(site_with_a_practice):
    report = fuzz.run(
        django_fetcher(),
        ["/", "/zoeken/", "/en/search/"],
        payloads=SAMPLE,
        max_pages=12,
        per_shape=1,
        max_requests=250,
    )
    assert report.paths >= 3
    assert report.requests > 100
    assert report.findings == []


def test_the_fuzzer_notices_reflected_html():
    # The check itself must be able to fail: an echo of our marker counts as reflected.
    payload = f'"><{fuzz.MARKER} onmouseover=alert(1)>'
    assert fuzz.reflected(payload, "text/html", f"<p>{payload}</p>")
    assert not fuzz.reflected(payload, "text/html", "<p>&quot;&gt;&lt;kbfuzz onmouseover</p>")


def test_every_public_address_refuses_nul_invalid_utf8_and_10000_characters_without_5xx(
    site_with_a_practice,
):
    fetch = django_fetcher()
    paths = sorted(
        set(
            fuzz.urlconf_paths()
            + fuzz.sitemap_paths(fetch)
            + ["/feed/rss/", "/feed/atom/", "/en/feed/rss/", "/en/feed/atom/"]
        )
    )
    assert "/feed/rss/" in paths and "/sitemap.xml" in paths and "/api/v1/search" in paths
    assert any(path.startswith("/praktijkvoorbeelden/") for path in paths)  # from the sitemap
    report = fuzz.Report()
    fuzz.probe_door(fetch, paths, report)
    assert report.requests == len(paths) * len(fuzz.DOOR_PAYLOADS) * 3
    assert report.findings == []
    assert set(report.statuses) == {400}, report.statuses
