"""One person who sent in a practice (and is its contact), registered for a meeting, has a colleague
profile, asked knowledge questions (one named on its published answer, one never confirmed) and
asked for an in-company training: the "Persoonsgegevens" tool finds, exports and erases all of it,
and the public site shows none of it afterwards."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from agenda import services
from agenda.demo import ensure_demo_colleagues
from agenda.models import Registration
from colleagues.models import (
    ColleagueIndexPage,
    ColleaguePage,
    InCompanyRequest,
    KnowledgeQuestion,
    QuestionAnswerPage,
)
from colleagues.setup import ensure_colleagues_setup
from contributions.models import Contribution
from home.site_structure import ensure_site_structure
from tests.agenda.helpers import agenda_index, make_activity

EMAIL = "sanne.visser@example.nl"
NAME = "Sanne Visser"
URL = "/admin/persoonsgegevens/"


@pytest.fixture
def sanne(client, site_with_form, valid_data, django_capture_on_commit_callbacks):
    home = ensure_site_structure()
    contribution_data = {
        **valid_data,
        "title": "Inkoop jeugdhulp met de bedoeling voorop",
        "submitter_name": NAME,
        "submitter_email": EMAIL,
        "contact_name": NAME,
        "contact_email": EMAIL,
    }
    assert client.post(site_with_form["form_page"].url, contribution_data).status_code == 302
    practice = Contribution.objects.get(submitter_email=EMAIL).page.specific
    practice.save_revision().publish()
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
    KnowledgeQuestion.objects.create(  # never confirmed
        text="Hoe contracteren we zorg zonder productieprikkel?",
        asker_name=NAME,
        asker_email=EMAIL,
    )
    answer = QuestionAnswerPage(
        title="Hoe meet je de bedoeling in een contract?",
        slug="bedoeling-in-contract",
        question="Hoe meet je de bedoeling in een contract?",
        answer="<p>Spreek doelen per gezin af, geen producten.</p>",
        asked_by=NAME,  # she agreed to be named
    )
    _index, intake = ensure_colleagues_setup(home)
    intake.add_child(instance=answer)
    answer.save_revision().publish()
    KnowledgeQuestion.objects.create(
        text=answer.question,
        asker_name=NAME,
        asker_email=EMAIL,
        may_show_name=True,
        confirmed_at=timezone.now(),
        status=KnowledgeQuestion.Status.ANSWERED,
        answer_page=answer,
    )
    InCompanyRequest.objects.create(
        colleague=ColleaguePage.objects.live().exclude(pk=profile.pk).first(),
        requester_name=NAME,
        requester_email=EMAIL,
        message="Een dag over inkoop voor ons team.",
    )
    return {
        "activity": activity,
        "profile_url": profile.url,
        "practice_url": practice.url,
        "answer_url": answer.url,
    }


@pytest.fixture
def privacy_officer(client, db):
    client.force_login(get_user_model().objects.create_superuser("fg", "fg@example.nl", "x"))


def test_the_tool_finds_and_exports_registration_profile_and_question(
    client, sanne, privacy_officer
):
    html = (
        client.post(URL, {"email": EMAIL, "action": "find"}).content.decode().replace("&#x27;", "'")
    )
    assert "Inzenders van praktijkvoorbeelden (1)" in html
    assert "Contactpersonen op praktijkvoorbeelden (1)" in html
    assert "Aanmeldingen voor activiteiten (1)" in html
    assert "Profielen van collega's (1)" in html
    assert "Vragenstellers van kennisvragen (2)" in html
    assert "Aanvragers van incompany-trainingen (1)" in html

    data = json.loads(client.post(URL, {"email": EMAIL, "action": "export"}).content)
    kinds = {kind["kind"]: kind["records"] for kind in data["kinds"]}
    assert kinds["contributions.contribution"][0]["submitter"]["email"] == EMAIL
    assert kinds["practices.practicepage"][0]["contact_name"] == NAME
    assert kinds["agenda.registration"][0]["name"] == NAME
    assert kinds["colleagues.colleaguepage"][0]["email"] == EMAIL
    assert {q["asker_email"] for q in kinds["colleagues.knowledgequestion"]} == {EMAIL}
    assert len(kinds["colleagues.knowledgequestion"]) == 2
    assert kinds["colleagues.incompanyrequest"][0]["requester_name"] == NAME


def test_after_erasure_nothing_of_the_person_is_held_or_shown(client, sanne, privacy_officer):
    for url in (sanne["profile_url"], sanne["practice_url"], sanne["answer_url"]):
        assert NAME in client.get(url).content.decode(), url
    before = client.get("/api/v1/search", {"q": NAME}).json()["results"]
    assert [hit for hit in before if NAME in json.dumps(hit)]

    client.post(URL, {"email": EMAIL, "action": "erase", "confirm_erase": "on"})

    assert not Registration.objects.filter(email=EMAIL).exists()
    assert not Registration.objects.filter(name=NAME).exists()
    assert not ColleaguePage.objects.filter(email=EMAIL).exists()
    assert not KnowledgeQuestion.objects.filter(asker_email=EMAIL).exists()
    assert not KnowledgeQuestion.objects.filter(asker_name=NAME).exists()
    assert not InCompanyRequest.objects.filter(requester_email=EMAIL).exists()
    assert not Contribution.objects.filter(submitter_email=EMAIL).exists()
    assert not Contribution.objects.filter(submitter_name=NAME).exists()
    client.logout()
    assert client.get(sanne["profile_url"]).status_code == 404
    urls = [sanne["activity"].url, "/collegas/", sanne["practice_url"], sanne["answer_url"]]
    urls += ["/feed/rss/", "/feed/atom/", "/sitemap.xml"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert NAME not in response.content.decode() and EMAIL not in response.content.decode(), url
    hits = client.get("/api/v1/search", {"q": NAME}).json()["results"]
    assert not [hit for hit in hits if NAME in json.dumps(hit)]
    html = client.post(
        URL, {"email": EMAIL, "action": "find"}, follow=True
    ).content.decode()  # logged out: sent to the login, nothing shown
    assert EMAIL not in html.replace(f'value="{EMAIL}"', "")
