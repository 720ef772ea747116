"""Setup and demo content: both pages in both languages, linked from the menu; loading twice adds
nothing; another app's profile under the same overview is kept."""

import pytest
from wagtail.models import Page

from colleagues.models import ColleagueIndexPage, ColleaguePage, KnowledgeQuestion
from colleagues.setup import load_demo_colleagues
from home.site_structure import ensure_site_structure

pytestmark = pytest.mark.django_db


def test_demo_loads_twice_without_change_and_keeps_other_profiles(demo):
    index = ColleagueIndexPage.objects.get(slug="collegas", locale__language_code="nl")
    other = ColleaguePage(
        title="Trainer van de agenda",
        slug="trainer-van-de-agenda",
        helps_with="Geeft de cursus Intervisie begeleiden.",
        email="agenda@example.org",
    )
    index.add_child(instance=other)
    pages, questions = Page.objects.count(), KnowledgeQuestion.objects.count()
    assert load_demo_colleagues(ensure_site_structure()) == 0
    assert (Page.objects.count(), KnowledgeQuestion.objects.count()) == (pages, questions)
    assert ColleaguePage.objects.filter(slug="trainer-van-de-agenda").exists()
    assert not any(Page.find_problems())


def test_menu_footer_and_home_link_the_overview_and_the_intake(demo, client):
    home = client.get("/").content.decode()
    assert home.count('href="/stel-je-kennisvraag/"') >= 3  # menu, home page, footer
    assert 'href="/collegas/"' in home
    english = client.get("/en/").content.decode()
    assert 'href="/en/ask-your-question/"' in english and 'href="/en/colleagues/"' in english
