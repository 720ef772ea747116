"""Finds one address of each page type the way a visitor would: by following the site's own links.

Page types that are not built yet give None, so their tests can say so instead of failing.
"""

from urllib.parse import urlencode

from django.template import TemplateDoesNotExist
from django.template.loader import get_template


def link_containing(page, fragment, within="main"):
    """The href of the first link in `within` whose address contains `fragment`, or None."""
    links = page.locator(f"{within} a[href*='{fragment}']")
    if links.count() == 0:
        return None
    return links.first.get_attribute("href")


def practice(page, site):
    return site.pages["practice"]


def term_page(page, site, key, language="nl"):
    """A theme/municipality/professional group page, as linked from the practice page."""
    slug = site.pages.get(key if language == "nl" else f"{key}_en") or site.pages.get(key)
    if not slug:
        return None
    page.goto(site.pages["practice" if language == "nl" else "practice_en"])
    href = link_containing(page, f"/{slug}")
    if href and "?" not in href:
        return href
    return None


def template_exists(name):
    try:
        get_template(name)
    except TemplateDoesNotExist:
        return False
    return True


def index(page, site, language="nl"):
    if not template_exists("practices/practice_index_page.html"):
        return None
    return site.pages["index" if language == "nl" else "index_en"]


def index_with_filters(page, site):
    address = index(page, site)
    if address is None:
        return None
    return f"{address}?{urlencode({'theme': site.pages['theme_slug']})}"


def search_with_results(page, site):
    address = f"/zoeken/?{urlencode({'q': site.pages['search_term']})}"
    page.goto(address)
    title = site.pages["practice_title"]
    return address if page.locator("main a", has_text=title).count() else None
