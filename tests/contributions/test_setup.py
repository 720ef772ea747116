"""The form page exists in Dutch and English after setup, and setting up again adds nothing."""

import io

from django.core.management import call_command

from contributions.models import ContributionFormPage


def test_setup_creates_the_form_page_in_both_languages_once(client, home_page):
    call_command("setup_contributions", stdout=io.StringIO())
    call_command("setup_contributions", stdout=io.StringIO())
    pages = ContributionFormPage.objects.all()
    assert sorted(p.locale.language_code for p in pages) == ["en", "nl"]
    assert all(p.live for p in pages)
    dutch = client.get("/deel-je-praktijkvoorbeeld/")
    assert dutch.status_code == 200
    assert "Deel je praktijkvoorbeeld" in dutch.content.decode()
    english = client.get("/en/share-your-practice/")
    assert english.status_code == 200
    assert "Share your practice example" in english.content.decode()


def test_form_keeps_the_text_when_there_is_no_practice_index_to_file_it_under(client, home_page):
    from practices.models import PracticeIndexPage
    from tests.factories import MunicipalityFactory, ThemeFactory

    call_command("setup_contributions", stdout=io.StringIO())
    PracticeIndexPage.objects.all().delete()
    data = {
        "title": "Leren op locatie",
        "municipality": MunicipalityFactory(name="Zwolle", cbs_code="GM0193").name,
        "practice_year": "2019",
        "themes": [str(ThemeFactory(name="Jeugd").pk)],
        "summary": "Samen leren op de plek waar het gebeurt.",
        "situation": "Het begon in de wijk.",
        "submitter_name": "Bram",
        "submitter_email": "bram@example.nl",
        "consent": "on",
    }
    response = client.post("/deel-je-praktijkvoorbeeld/", data)
    assert response.status_code == 503
    assert ContributionFormPage.objects.count() == 2
    assert "Leren op locatie" in response.content.decode()
    assert "Samen leren op de plek waar het gebeurt." in response.content.decode()
