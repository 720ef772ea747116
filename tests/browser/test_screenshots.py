"""Screenshots of the pages a visitor meets first, at 1280 and 390 px, saved under var/screenshots/
(git-ignored) for people to look at, with what a person would notice asserted: nothing to scroll
sideways on a phone, the page's heading in the first screen, the first search result early."""

from pathlib import Path
from urllib.parse import urlencode

import pytest

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
WIDTHS = {1280: 800, 390: 844}  # width -> height of the first screen

PAGES = {
    "home": lambda site: "/",
    "search": lambda site: "/zoeken/?" + urlencode({"q": site.pages["search_term"]}),
    "practice": lambda site: site.pages["practice"],
    "municipality": lambda site: f"/gemeente/{site.pages['municipality_slug']}/",
    "publication": lambda site: site.pages["publication"],
    "contribution_form": lambda site: "/deel-je-praktijkvoorbeeld/",
}


@pytest.fixture(params=list(WIDTHS), ids=lambda width: f"{width}px")
def sized(request, site, browser):
    width = request.param
    context = browser.new_context(
        base_url=site.url, locale="nl-NL", viewport={"width": width, "height": WIDTHS[width]}
    )
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab, width
    context.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_page_reads_well_at_this_width(sized, site, name):
    page, width = sized
    address = PAGES[name](site)
    if address is None:
        pytest.skip(f"the test content has no {name}")
    response = page.goto(address)
    assert response.status == 200, address
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)

    sideways = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert sideways <= 0, f"{address} scrolls {sideways} px sideways at {width} px"

    heading = page.locator("main h1").first
    assert heading.is_visible()
    box = heading.bounding_box()
    assert box["y"] + box["height"] <= WIDTHS[width], (
        f"the h1 of {address} is below the first screen"
    )

    if name == "search":
        hit = page.locator(".search__hit").first
        assert hit.is_visible()
        top = hit.evaluate("el => el.getBoundingClientRect().top + window.scrollY")
        assert top < 900, f"the first result starts at {top} px"
