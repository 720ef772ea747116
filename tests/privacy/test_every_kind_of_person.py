"""One person who registered for a meeting, has a colleague profile and asked a knowledge question:
the "Persoonsgegevens" tool finds, exports and erases all of it, and the public site shows none."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from agenda import services
from agenda.demo import ensure_demo_colleagues
from agenda.models import Registration
from colleagues.models import ColleagueIndexPage, ColleaguePage, KnowledgeQuestion
from home.site_structure import ensure_site_structure
from tests.agenda.helpers import agenda_index, make_activity

EMAIL = "sanne.visser@example.nl"
NAME = "Sanne Visser"
URL = "/admin/persoonsgegevens/"


@pytest.fixture
def sanne(db, django_capture_on_commit_callbacks):
    home = ensure_site_structure()
    ensure_demo_colleagues(home)
    activity = make_activity(agenda_index(), "Leerbijeenkomst inkopers Oost")
    with django_capture_on_commit_callbacks(execute=True):
        registration, _created = services.register(
            activity,
            name=NAME,
            email=EMAIL,
            municipality=None,
            organisation="Regio Achterhoek",
            professional_group=None,
            remark="",
            language="nl",
        )
        services.confirm_email(registration.pk)
    profile = ColleaguePage(
        title=NAME,
        slug="sanne-visser",
        helps_with="Inkoop van jeugdhulp met de bedoeling voorop.",
        email=EMAIL,
        consent_given_at=timezone.now(),
    )
    ColleagueIndexPage.objects.child_of(home).get().add_child(instance=profile)
    profile.save_revision().publish()
    KnowledgeQuestion.objects.create(
        text="Hoe contracteren we zorg zonder productieprikkel?",
        asker_name=NAME,
        asker_email=EMAIL,
    )
    return {"activity": activity, "profile_url": profile.url}


@pytest.fixture
def privacy_officer(client, db):
    client.force_login(get_user_model().objects.create_superuser("fg", "fg@example.nl", "x"))


def test_the_tool_finds_and_exports_registration_profile_and_question(
    client, sanne, privacy_officer
):
    html = client.post(URL, {"email": EMAIL, "action": "find"}).content.decode()
    assert "Aanmeldingen voor activiteiten (1)" in html
    assert "Profielen van collega&#x27;s (1)" in html or "Profielen van collega's (1)" in html
    assert "Vragenstellers van kennisvragen (1)" in html

    data = json.loads(client.post(URL, {"email": EMAIL, "action": "export"}).content)
    kinds = {kind["kind"]: kind["records"] for kind in data["kinds"]}
    assert kinds["agenda.registration"][0]["name"] == NAME
    assert kinds["colleagues.colleaguepage"][0]["email"] == EMAIL
    assert kinds["colleagues.knowledgequestion"][0]["asker_email"] == EMAIL


def test_after_erasure_nothing_of_the_person_is_held_or_shown(client, sanne, privacy_officer):
    assert NAME in client.get(sanne["profile_url"]).content.decode()
    before = client.get("/api/v1/search", {"q": NAME}).json()["results"]
    assert [hit for hit in before if NAME in json.dumps(hit)]

    client.post(URL, {"email": EMAIL, "action": "erase", "confirm_erase": "on"})

    assert not Registration.objects.filter(email=EMAIL).exists()
    assert not Registration.objects.filter(name=NAME).exists()
    assert not ColleaguePage.objects.filter(email=EMAIL).exists()
    assert not KnowledgeQuestion.objects.filter(asker_email=EMAIL).exists()
    assert not KnowledgeQuestion.objects.filter(asker_name=NAME).exists()
    client.logout()
    assert client.get(sanne["profile_url"]).status_code == 404
    for url in (sanne["activity"].url, "/collegas/"):
        assert NAME not in client.get(url).content.decode()
    hits = client.get("/api/v1/search", {"q": NAME}).json()["results"]
    assert not [hit for hit in hits if NAME in json.dumps(hit)]
    html = client.post(
        URL, {"email": EMAIL, "action": "find"}, follow=True
    ).content.decode()  # logged out: sent to the login, nothing shown
    assert EMAIL not in html.replace(f'value="{EMAIL}"', "")
