"""`make run` shows the demo publications: the 2015 report with a searchable sample PDF, and a guide."""

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from publications.demo import PAGE3_WORD
from publications.models import DocumentText, PublicationPage
from tests.factories import make_practice


def test_demo_publications_are_created_once(home_page):
    call_command("load_demo_publications")
    call_command("load_demo_publications")
    dutch = PublicationPage.objects.filter(locale__language_code="nl")
    assert sorted(dutch.values_list("title", flat=True)) == [
        "Handreiking collegiaal leren",
        "Overheidsprofessionals werken aan nieuwe rollen",
    ]
    english = Locale.objects.get(language_code="en")
    assert PublicationPage.objects.filter(locale=english).count() == 2


def test_demo_publications_link_to_demo_practices_when_there_are_any(home_page, practice_index):
    from tests.factories import ThemeFactory

    practice = make_practice(
        practice_index,
        "Wijkteam Zeist leert aan de keukentafel",
        organisation="Regio",
        themes=[ThemeFactory()],
    )
    call_command("load_demo_publications")
    report = PublicationPage.objects.get(slug="overheidsprofessionals-werken-aan-nieuwe-rollen")
    assert report.practices == [practice]


def test_site_setup_without_demo_still_has_the_publication_overview(client, home_page):
    call_command("setup_publications")
    call_command("setup_publications")
    assert client.get("/publicaties/").status_code == 200
    assert client.get("/en/publications/").status_code == 200


# Last in the module: the publications they read stay loaded until the module is done.
@pytest.fixture(scope="module")
def demo_publications(module_db):
    """The demo publications as `make run` loads them, once for the tests that only read them."""
    call_command("load_demo_publications")


def test_demo_report_is_found_by_the_word_on_page_3_of_its_sample_pdf(
    demo_publications, client, home_page
):
    report = PublicationPage.objects.get(slug="overheidsprofessionals-werken-aan-nieuwe-rollen")
    record = DocumentText.objects.get(document=report.files.first().document)
    assert [n for n, text in enumerate(record.pages, 1) if PAGE3_WORD in text] == [3]
    text = client.get("/publicaties/", {"q": PAGE3_WORD}).content.decode()
    assert "op p. 3" in text
    assert "Vereniging van Nederlandse Gemeenten" in client.get(report.url).content.decode()


def test_english_demo_publication_downloads_the_same_file(demo_publications, client, home_page):
    page = PublicationPage.objects.get(slug="public-professionals-working-on-new-roles")
    response = client.get(page.download_url(page.files.first().document_id))
    assert page.url.startswith("/en/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
