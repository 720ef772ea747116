"""Keyboard-only use: skip link first, visible focus, reading order, and the facets and map operable."""

from urllib.parse import parse_qs, urlsplit

import pytest

from search.registry import facet_names
from tests.browser import pages

pytestmark = pytest.mark.browser

MAX_TAB_STOPS = 250

# Describes the focused element; `key` identifies it across presses.
ACTIVE = """() => {
  const FACETS = '.search__facets, .facets-form, .filters';
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    text: (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().slice(0, 60),
    className: typeof el.className === 'string' ? el.className : '',
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth) || 0,
    boxShadow: style.boxShadow,
    width: box.width,
    height: box.height,
    inMain: !!el.closest('main'),
    inHeader: !!el.closest('header'),
    inSvg: !!el.closest('svg'),
    inFacets: !!el.closest(FACETS),
    type: el.getAttribute('type') || '',
    closedSummary: el.tagName === 'SUMMARY' && !el.parentElement.open,
    href: el.getAttribute('href') || el.getAttribute('xlink:href'),
  };
}"""

# How an element and its first child look; a focus indicator changes this (an SVG map area's
# stroke, for instance, where an outline would not follow the shape).
LOOK = """el => [el, ...el.children].slice(0, 2).map(part => {
  const s = getComputedStyle(part);
  return [s.outlineStyle, s.outlineWidth, s.boxShadow, s.stroke, s.strokeWidth, s.fill,
          s.backgroundColor, s.color, s.textDecorationLine].join('|');
}).join('/')"""

# Marks each focused element, so the order of stops can be compared with the document order.
MARK = "n => { if (document.activeElement) document.activeElement.dataset.tabStop = n; }"
IN_DOCUMENT_ORDER = """() => {
  const marked = [...document.querySelectorAll('[data-tab-stop]')];
  return marked.map(el => Number(el.dataset.tabStop));
}"""


def tab_stops(page, limit=MAX_TAB_STOPS):
    """Press Tab until focus leaves the page or returns to the first stop; the stops in order.

    Each stop also gets `changes_look`: whether it looks different focused than unfocused.
    """
    stops = []
    for number in range(limit):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        if active is None or (
            stops and page.evaluate("() => document.activeElement.dataset.tabStop !== undefined")
        ):
            break
        page.evaluate(MARK, number)
        active["focused_look"] = page.evaluate(f"({LOOK})(document.activeElement)")
        stops.append(active)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    for number, stop in enumerate(stops):
        unfocused = page.locator(f"[data-tab-stop='{number}']").evaluate(LOOK)
        stop["changes_look"] = unfocused != stop["focused_look"]
    return stops


def tab_until(page, condition, limit=MAX_TAB_STOPS):
    for _ in range(limit):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        if active and condition(active):
            return active
    return None


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_content(page, site):
    page.goto("/")
    page.keyboard.press("Tab")
    first = page.evaluate(ACTIVE)
    assert first is not None and "skip-link" in first["className"], first
    assert first["width"] > 0 and first["height"] > 0, "the skip link stays invisible on focus"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    after = page.evaluate(ACTIVE)
    assert after is None or not after["inHeader"], "Tab after the skip link went back to the header"


@pytest.mark.parametrize("address", ["/", "practice", "/zoeken/?q=team", "/en/"])
def test_every_focused_element_shows_a_visible_focus_indicator(page, site, address):
    page.goto(site.pages.get(address, address))
    stops = tab_stops(page)
    assert stops, "no element on the page can be reached with Tab"
    invisible = [
        stop
        for stop in stops
        if not (
            (stop["outlineStyle"] != "none" and stop["outlineWidth"] >= 2)
            or stop["boxShadow"] not in ("", "none")
            or (stop["inSvg"] and stop["changes_look"])
        )
    ]
    assert not invisible, "focus is not visible on: " + ", ".join(
        f"<{s['tag']} class='{s['className']}'> {s['text']!r}" for s in invisible
    )


@pytest.mark.parametrize("address", ["/", "practice", "/zoeken/?q=team"])
def test_tab_order_follows_the_reading_order(page, site, address):
    page.goto(site.pages.get(address, address))
    stops = tab_stops(page)
    order = page.evaluate(IN_DOCUMENT_ORDER)
    assert order == sorted(order), "Tab jumps around the page: stops in document order were " + str(
        order
    )
    regions = [("header" if s["inHeader"] else "main" if s["inMain"] else "other") for s in stops]
    if "main" in regions and "header" in regions:
        assert regions.index("main") > max(i for i, r in enumerate(regions) if r == "header")


def choose_first_facet_with_the_keyboard(page):
    """Tab to the first filter value (opening a collapsed group on the way) and tick it with Space,
    which applies it at once and keeps focus on it; return the checkbox's name=value. (Without
    JavaScript the apply button does it: tests/browser/test_mobile.py.)"""
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        if active is None:
            break
        if active["inFacets"] and active["closedSummary"]:
            page.keyboard.press("Enter")
        elif active["inFacets"] and active["type"] == "checkbox":
            break
    else:
        active = None
    assert active and active["type"] == "checkbox", "no filter value can be reached with Tab"
    chosen = page.evaluate("() => [document.activeElement.name, document.activeElement.value]")
    with page.expect_navigation():
        page.keyboard.press("Space")
    page.wait_for_load_state("load")
    after = page.evaluate("() => [document.activeElement.name, document.activeElement.value]")
    assert after == chosen, "focus did not come back to the filter that was ticked"
    assert page.evaluate("() => document.activeElement.checked"), "Space did not tick the filter"
    return chosen


def test_search_filters_can_be_chosen_with_the_keyboard(page, site):
    page.goto(f"/zoeken/?q={site.pages['search_term']}")
    name, value = choose_first_facet_with_the_keyboard(page)
    assert name in facet_names()
    assert parse_qs(urlsplit(page.url).query)[name] == [value]


def test_practice_index_filters_can_be_chosen_with_the_keyboard(page, site):
    address = pages.index(page, site)
    if address is None:
        pytest.skip("practice index not built yet (issue 5): the test runs when it exists")
    page.goto(address)
    name, value = choose_first_facet_with_the_keyboard(page)
    assert name in facet_names()
    assert value in parse_qs(urlsplit(page.url).query)[name]


def test_map_municipalities_can_be_reached_and_followed_with_the_keyboard(page, site):
    page.goto("/")
    if not page.locator("svg a").count():
        pytest.skip("map not built yet (issue 5): the test runs as soon as the map exists")
    link = tab_until(page, lambda active: active["inSvg"] and bool(active["href"]))
    assert link is not None, "no municipality on the map can be reached with Tab"
    assert link["text"], "the focused map link has no accessible name"
    with page.expect_navigation() as navigation:
        page.keyboard.press("Enter")
    assert navigation.value.status == 200
    assert page.url.split("?")[0].endswith(link["href"].split("?")[0])
