"""Every page type has zero axe-core violations of WCAG 2.0, 2.1 and 2.2 A and AA (2.2 adds the
24×24 px target size) in headless Chromium."""

from urllib.parse import urlencode

import pytest

from tests.browser import pages
from tests.browser.axe import WCAG_TAGS, describe, wcag_violations

pytestmark = pytest.mark.browser

NOT_BUILT = "not built yet (issue 5): the test runs as soon as the page type exists"
# WCAG 2.2 AA on every page: targets (links in running text excepted) at least 24×24 px.
TAGS = [*WCAG_TAGS, "wcag22aa"]


# Each entry: page type -> function(page, site) returning its address (None while not built).
PAGE_TYPES = {
    "home": lambda page, site: "/",
    "home_en": lambda page, site: "/en/",
    "practice": pages.practice,
    "practice_en": lambda page, site: site.pages["practice_en"],
    "practice_untranslated_en_switch": lambda page, site: site.pages["practice_untranslated"],
    "index_with_filters": pages.index_with_filters,
    "index_en": lambda page, site: pages.index(page, site, "en"),
    "search_with_results": pages.search_with_results,
    "search_without_results": lambda page, site: "/zoeken/?" + urlencode({"q": "xyzzy onvindbaar"}),
    # A place named in the question: the notice of how it was read and the filter it became.
    "search_with_a_place": lambda page, site: "/zoeken/?" + urlencode({"q": "gemeente Ede"}),
    "search_en": lambda page, site: "/en/search/?" + urlencode({"q": site.pages["search_term"]}),
    "theme": lambda page, site: pages.term_page(page, site, "theme_slug"),
    "municipality": lambda page, site: pages.term_page(page, site, "municipality_slug"),
    "professional_group": lambda page, site: pages.term_page(page, site, "professional_group_slug"),
    "contribution_form": lambda page, site: "/deel-je-praktijkvoorbeeld/",
    "contribution_form_en": lambda page, site: "/en/share-your-practice/",
    "theme_en": lambda page, site: pages.term_page(page, site, "theme_slug", "en"),
    "municipality_en": lambda page, site: pages.term_page(page, site, "municipality_slug", "en"),
    "professional_group_en": lambda page, site: pages.term_page(
        page, site, "professional_group_slug", "en"
    ),
    "publications": lambda page, site: site.pages["publications"],
    "publication": lambda page, site: site.pages["publication"],
    "accessibility_statement": lambda page, site: "/toegankelijkheidsverklaring/",
    "accessibility_statement_en": lambda page, site: "/en/accessibility-statement/",
    "not_found": lambda page, site: "/deze-pagina-bestaat-niet/",
    "not_found_en": lambda page, site: "/en/this-page-does-not-exist/",
}


@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_page_type_has_no_wcag_a_or_aa_violations(page, site, page_type):
    address = PAGE_TYPES[page_type](page, site)
    if address is None:
        pytest.skip(f"{page_type}: {NOT_BUILT}")
    response = page.goto(address)
    assert response is not None
    assert response.status < 500, f"{address} answered {response.status}"
    page.wait_for_load_state("load")
    violations = wcag_violations(page, TAGS)
    assert not violations, describe(violations, page.url)
