"""The map of the Netherlands as a visitor uses it: a municipality's name shows on hover and on
keyboard focus, and on a phone a list of municipalities with targets big enough to tap replaces
the map (WCAG 2.2 target size, checked by axe on the home page at both widths)."""

import pytest

from tests.browser.axe import WCAG_TAGS, describe, wcag_violations

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(site, browser):
    context = browser.new_context(base_url=site.url, locale="nl-NL", viewport=PHONE)
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


def label(page):
    return page.locator("[data-nl-map-label]")


def test_a_municipality_name_shows_when_the_pointer_is_on_it(page, site):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/")
    link = page.locator(".nl-map__link").last
    name = link.get_attribute("aria-label").split(":")[0]
    assert not label(page).is_visible()
    link.hover()
    assert label(page).is_visible()
    assert name in label(page).inner_text()


def test_a_municipality_name_shows_when_the_keyboard_reaches_it(page, site):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/")
    link = page.locator(".nl-map__link").first
    name = link.get_attribute("aria-label").split(":")[0]
    link.focus()
    assert label(page).is_visible()
    assert name in label(page).inner_text()
    # Near the municipality: the label's centre lies within a label's height of the area.
    area = link.bounding_box()
    box = label(page).bounding_box()
    assert abs((box["x"] + box["width"] / 2) - (area["x"] + area["width"] / 2)) < box["width"]
    page.keyboard.press("Escape")
    assert not label(page).is_visible()


def test_on_a_phone_a_list_replaces_the_map_with_targets_big_enough_to_tap(phone, site):
    phone.goto("/")
    assert not phone.locator(".nl-map__svg").is_visible()
    # The hint speaks of the list, not of a map that is not there.
    assert not phone.get_by_text("Kies een gemeente op de kaart").is_visible()
    assert phone.get_by_text("Kies een gemeente in de lijst").is_visible()
    links = phone.locator(".nl-map__list-link")
    assert links.count() == phone.locator(".nl-map__link").count() > 0
    for box in (links.nth(i).bounding_box() for i in range(links.count())):
        assert box["height"] >= 24 and box["width"] >= 24, box


@pytest.mark.parametrize("width", [1280, 390])
def test_home_page_passes_axe_with_wcag_22_target_size(page, site, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/")
    violations = wcag_violations(page, [*WCAG_TAGS, "wcag22aa"])
    assert not violations, describe(violations, page.url)
