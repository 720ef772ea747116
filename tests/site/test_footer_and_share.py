"""The site frame a Dutch public site needs: a way to share a practice from every page, and a footer
with contact, privacy, accessibility and colofon pages that setup creates once, in Dutch and English."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from contributions.setup import ensure_contributions
from home.information_pages import ensure_information_pages
from home.models import InformationPage
from home.site_structure import ensure_site_structure
from practices.models import Municipality, Theme
from tests.factories import PracticeIndexPageFactory, make_practice

SHARE_NL = 'href="/deel-je-praktijkvoorbeeld/"'
SHARE_EN = 'href="/en/share-your-practice/"'
FOOTER_NL = {
    "/contact/": "Contact",
    "/privacyverklaring/": "Privacyverklaring",
    "/toegankelijkheidsverklaring/": "Toegankelijkheidsverklaring",
    "/colofon/": "Colofon",
}
FOOTER_EN = {
    "/en/contact/": "Contact",
    "/en/privacy-statement/": "Privacy statement",
    "/en/accessibility-statement/": "Accessibility statement",
    "/en/colophon/": "Colophon",
}


@pytest.fixture(scope="module")
def module_site(module_db):
    """The share form and the information pages, made once for the module."""
    home = ensure_site_structure()
    ensure_contributions()
    ensure_information_pages(home)
    return home


@pytest.fixture
def site(module_site, home_page):
    return home_page


# First: before the module's information pages exist (`module_site`).
def test_setup_site_twice_creates_each_information_page_once_per_language(db):
    for _ in range(2):
        call_command("setup_site", "--no-demo", "--no-admin", stdout=io.StringIO())
    pages = InformationPage.objects.all()
    assert pages.count() == 8
    assert sorted(p.locale.language_code for p in pages) == ["en"] * 4 + ["nl"] * 4
    assert all(p.live for p in pages)


def footer(html):
    return html[html.index("<footer") :]


def main(html):
    return html[html.index("<main") : html.index("</main>")]


def test_home_page_invites_to_share_a_practice_in_the_page_and_the_footer(client, site):
    html = client.get("/").content.decode()
    assert SHARE_NL in main(html)
    assert SHARE_NL in footer(html)
    assert "Deel je praktijkvoorbeeld" in main(html)


def test_english_pages_lead_to_the_english_form(client, site):
    html = client.get("/en/").content.decode()
    assert SHARE_EN in main(html)
    assert SHARE_EN in footer(html)
    assert SHARE_NL not in html


def test_practice_listing_invites_to_share_a_practice(client, site):
    index = PracticeIndexPageFactory(parent=site)
    make_practice(
        index, "Leren in de wijk", municipality=Municipality.objects.get(cbs_code="GM0228")
    )
    html = client.get(index.url).content.decode()
    assert "Leren in de wijk" in html
    assert SHARE_NL in main(html)


def test_empty_municipality_page_asks_for_an_example_instead_of_offering_to_refine_nothing(
    client, site
):
    PracticeIndexPageFactory(parent=site)
    municipality = Municipality.objects.get(cbs_code="GM0344")
    html = client.get(f"/gemeente/{municipality.slug}/").content.decode()
    assert "Weet jij een voorbeeld dat hier past?" in html
    assert SHARE_NL in main(html)
    assert "Verfijn deze lijst" not in html


def test_empty_theme_page_asks_for_an_example(client, site):
    PracticeIndexPageFactory(parent=site)
    theme = Theme.objects.get(slug="jeugdzorg", locale__language_code="nl")
    response = client.get(f"/thema/{theme.slug}/")
    assert response.status_code == 200
    assert SHARE_NL in main(response.content.decode())


def test_footer_links_the_information_pages_in_dutch(client, site):
    html = footer(client.get("/zoeken/").content.decode())
    for url, title in FOOTER_NL.items():
        assert f'href="{url}"' in html
        assert title in html


def test_footer_links_the_english_information_pages_on_english_pages(client, site):
    html = footer(client.get("/en/search/").content.decode())
    for url, title in FOOTER_EN.items():
        assert f'href="{url}"' in html
        assert title in html


def test_information_pages_are_served_with_breadcrumbs_in_both_languages(client, site):
    for url, title in [*FOOTER_NL.items(), *FOOTER_EN.items()]:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f'<h1 class="utrecht-heading-1">{title}</h1>' in html
        assert 'class="utrecht-breadcrumb-nav breadcrumbs"' in html


def test_accessibility_statement_follows_the_government_model(client, site):
    html = client.get("/toegankelijkheidsverklaring/").content.decode()
    for heading in (
        "Verklaring",
        "Nalevingsstatus",
        "Onderbouwing",
        "Akkoordverklaring",
        "Feedback en contactgegevens",
        "Handhavingsprocedure",
    ):
        assert f"<h2>{heading}</h2>" in html
    assert "Besluit digitale toegankelijkheid overheid" in html
    assert "https://www.nationaleombudsman.nl/" in html


def test_an_editor_can_hide_a_page_from_the_footer(client, site):
    colofon = InformationPage.objects.get(slug="colofon")
    colofon.show_in_menus = False
    colofon.save_revision().publish()
    html = footer(client.get("/").content.decode())
    assert 'href="/colofon/"' not in html
    assert 'href="/contact/"' in html


def test_setup_finds_its_pages_again_after_an_editor_renamed_them(site):
    contact = InformationPage.objects.get(slug="contact", locale__language_code="nl")
    contact.title, contact.slug = "Vragen?", "vragen"
    contact.save_revision().publish()
    ensure_information_pages(site)
    assert InformationPage.objects.filter(locale__language_code="nl").count() == 4
    english = Locale.objects.get(language_code="en")
    assert contact.get_translation(english).title == "Contact"


def test_openapi_link_is_in_the_footer_and_not_under_the_results(client, site):
    html = client.get("/zoeken/?q=leren").content.decode()
    assert 'href="/api/v1/openapi.json"' in footer(html)
    assert "/api/v1/openapi.json" not in main(html)
