"""Mobile first: at 390 px the menu folds away, search results come before the filters, and the
filters work with and without JavaScript (one filter component on every listing)."""

from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from tests.browser import pages
from tests.browser.axe import WCAG_TAGS, describe, wcag_violations

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SCREENSHOTS = None  # a folder to save screenshots in while working on the layout


@pytest.fixture
def phone(site, browser):
    context = browser.new_context(base_url=site.url, locale="nl-NL", viewport=PHONE)
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


@pytest.fixture
def phone_without_js(site, browser):
    context = browser.new_context(
        base_url=site.url, locale="nl-NL", viewport=PHONE, java_script_enabled=False
    )
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


def search_address(site):
    return "/zoeken/?" + urlencode({"q": site.pages["search_term"]})


def top_of(page, selector):
    return page.locator(selector).first.evaluate(
        "el => el.getBoundingClientRect().top + window.scrollY"
    )


def snap(page, name):
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/{name}.png", full_page=True)


def test_first_search_result_starts_within_the_first_900_px_on_a_phone(phone, site):
    phone.goto(search_address(site))
    snap(phone, "search-390")
    assert phone.locator(".search__hit").count() > 0
    assert top_of(phone, ".search__hit") < 900


def test_filters_are_folded_on_a_phone_and_say_how_many_are_chosen(phone, site):
    # The words as typed (literal=1): the search term is a practice's first word, often a place,
    # and a place read from the question is a filter too (ticked, so counted: see the next test).
    chosen = urlencode({"theme": site.pages["theme_slug"], "literal": "1"})
    phone.goto(search_address(site) + "&" + chosen)
    toggle = phone.locator("summary.filters__toggle")
    assert toggle.is_visible()
    assert " ".join(toggle.inner_text().split()).startswith("Filters (1")
    checkbox = phone.locator(".filters input[type=checkbox]").first
    assert not checkbox.is_visible()
    toggle.click()
    assert checkbox.is_visible()


def test_a_place_read_from_the_question_counts_as_a_chosen_filter(phone, site):
    # The search term (the first word of a practice's title: "Barneveld") names a municipality:
    # it is read as that filter, ticked in the folded filters, so the summary counts it.
    phone.goto(search_address(site) + "&" + urlencode({"theme": site.pages["theme_slug"]}))
    assert phone.locator(".search__reading").is_visible()
    ticked = phone.locator(".filters input[type=checkbox]:checked").count()
    assert ticked == 2  # the theme chosen and the place read from the question
    toggle = " ".join(phone.locator("summary.filters__toggle").inner_text().split())
    assert toggle.startswith(f"Filters ({ticked}")


def test_a_filter_applies_as_soon_as_it_is_ticked(phone, site):
    phone.goto(search_address(site))
    phone.locator("summary.filters__toggle").click()
    assert not phone.locator("[data-filters-apply]").is_visible()
    checkbox = phone.locator(".filters__group[open] input[type=checkbox]").first
    name, value, box_id = checkbox.evaluate("el => [el.name, el.value, el.id]")
    with phone.expect_navigation():
        checkbox.check()
    assert parse_qs(urlsplit(phone.url).query)[name] == [value]
    # Focus comes back to the filter that was changed, so a keyboard user keeps their place.
    assert phone.evaluate("() => document.activeElement.id") == box_id


def test_sort_applies_on_change(phone, site):
    phone.goto(search_address(site))
    phone.locator("summary.filters__toggle").click()
    with phone.expect_navigation():
        phone.select_option("select[name=sort]", "newest")
    assert parse_qs(urlsplit(phone.url).query)["sort"] == ["newest"]


def test_filters_work_without_javascript(phone_without_js, site):
    page = phone_without_js
    page.goto(search_address(site))
    page.locator("summary.filters__toggle").click()
    checkbox = page.locator(".filters__group[open] input[type=checkbox]").first
    name, value = checkbox.evaluate("el => [el.name, el.value]")
    checkbox.check()
    apply = page.locator("[data-filters-apply]")
    assert apply.is_visible()
    with page.expect_navigation():
        apply.click()
    assert parse_qs(urlsplit(page.url).query)[name] == [value]


def test_menu_is_one_button_on_a_phone_and_opens_without_javascript(phone_without_js, site):
    page = phone_without_js
    page.goto("/")
    links = page.locator(".site-nav__link")
    assert not links.first.is_visible()
    page.locator("summary.site-nav__toggle").click()
    assert links.first.is_visible()
    assert page.locator(".site-nav__link", has_text="Deel je praktijkvoorbeeld").is_visible()


def test_menu_links_show_without_a_click_on_a_wide_screen(page, site):
    page.goto("/")
    assert not page.locator("summary.site-nav__toggle").is_visible()
    assert page.locator(".site-nav__link").first.is_visible()


def test_every_listing_uses_the_same_filter_component(page, site):
    for address in (
        search_address(site),
        pages.index(page, site),
        site.pages.get("publications"),
    ):
        if address is None:
            continue
        page.goto(address)
        snap(page, "wide-" + address.strip("/").split("/")[0].split("?")[0])
        assert page.locator("details.filters[data-filters]").count() == 1, address
        assert page.locator(".filters input").first.is_visible(), address
        assert page.locator("select:not([name=sort])").count() == 0, address


def test_filter_and_menu_targets_are_at_least_24_px(phone, site):
    phone.goto(search_address(site))
    phone.locator("summary.filters__toggle").click()
    phone.locator("summary.site-nav__toggle").click()
    small = phone.evaluate(
        """() => [...document.querySelectorAll(
             '.filters input, .filters summary, .filters select, .filters button, .site-nav a,'
             + ' .site-nav summary, .search__chip, .share-cta a')]
           .filter(el => el.offsetParent !== null)
           .map(el => [el.outerHTML.slice(0, 80), el.getBoundingClientRect()])
           .filter(([, box]) => box.width < 24 || box.height < 24)
           .map(([html, box]) => html + ' ' + Math.round(box.width) + 'x' + Math.round(box.height))"""
    )
    assert not small, small


@pytest.mark.parametrize("kind", ["search", "index", "publications"])
def test_listings_on_a_phone_pass_axe_with_wcag_22_target_size(phone, site, kind):
    address = {
        "search": search_address(site),
        "index": site.pages["index"],
        "publications": site.pages["publications"],
    }[kind]
    phone.goto(address)
    phone.locator("summary.filters__toggle").click()
    phone.locator("summary.site-nav__toggle").click()
    snap(phone, f"{kind}-390-open")
    violations = wcag_violations(phone, [*WCAG_TAGS, "wcag22aa"])
    assert not violations, describe(violations, phone.url)
