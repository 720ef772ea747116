# ruff: noqa: F811 -- pytest fixtures imported from tests.colleagues.conftest are used as arguments
"""Permission matrix for what came with the agenda and the colleagues (issues 16-17): knowledge
questions, in-company requests, the gap report, consent requests, the organisers' registrations
and the personal-data tool, for anonymous visitors, submitters (an account, no admin rights),
organisers, editors (Redactie) and chief editors (Hoofdredactie); and the signed links sent by
e-mail: expired, changed, of another kind, or used a second time, each refused or harmless."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from colleagues import questions
from colleagues.links import make_token
from colleagues.models import (
    ColleagueIndexPage,
    ColleaguePage,
    InCompanyRequest,
    KnowledgeQuestion,
    QuestionForward,
)
from practices.setup import CHIEF_EDITORS, EDITORS
from tests.colleagues.conftest import (  # noqa: F401 -- the demo site with colleagues, reused
    colleague,
    demo,
    fresh_rate_limits,
    mails,
    old_token,
)
from tests.factories import make_user

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "submitter", "organiser", "editor", "chief_editor"]
ORGANISERS = "Organisatoren"


@pytest.fixture
def clients(demo):
    organisers = Group.objects.create(name=ORGANISERS)
    organisers.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="manage_registrations"),
    )
    clients = {"anonymous": Client()}
    for role, group in [
        ("submitter", None),
        ("organiser", ORGANISERS),
        ("editor", EDITORS),
        ("chief_editor", CHIEF_EDITORS),
    ]:
        client = Client()
        client.force_login(make_user(role, group))
        clients[role] = client
    return clients


@pytest.fixture
def hidden_profile(demo):
    """A profile an editor prepared but its colleague never consented to."""
    index = ColleagueIndexPage.objects.get(locale__language_code="nl")
    page = ColleaguePage(
        title="Merel Zonderja",
        slug="merel-zonderja",
        helps_with="Formatieplanning.",
        email="merel@example.org",
        live=False,
    )
    index.add_child(instance=page)
    page.save_revision()
    return page


def allowed(response):
    """200 = the role may; 403, or a redirect to the login or to the admin's home page (Wagtail's
    "no permission" message), = refused."""
    if response.status_code == 200:
        return True
    assert response.status_code in (302, 403), response.status_code
    if response.status_code == 302:
        location = response["Location"]
        assert "login" in location or location == "/admin/", location
    return False


# role: (handle a question, question list, in-company list, gap report, consent request,
#        registrations of activities)
EXPECTED_ADMIN = {
    "anonymous": (False, False, False, False, False, False),
    "submitter": (False, False, False, False, False, False),
    "organiser": (False, False, False, False, False, True),
    "editor": (True, True, True, True, True, False),
    "chief_editor": (True, True, True, True, True, False),
}


def test_admin_views_of_questions_requests_gaps_and_registrations_match_the_role(
    clients, hidden_profile
):
    question = KnowledgeQuestion.objects.filter(confirmed_at__isnull=False).first()
    addresses = [
        reverse("colleagues_handle_question", args=[question.pk]),
        "/admin/snippets/colleagues/knowledgequestion/",
        "/admin/snippets/colleagues/incompanyrequest/",
        reverse("colleagues_gap_report") + "?format=csv",
        reverse("colleagues_request_consent", args=[hidden_profile.pk]),
        reverse("agenda_registrations"),
    ]
    found = {
        role: tuple(allowed(clients[role].get(address)) for address in addresses) for role in ROLES
    }
    assert found == EXPECTED_ADMIN


def test_only_editors_forward_merge_or_close_a_question(clients, mails):
    question = KnowledgeQuestion.objects.get(text__startswith="Wie heeft ervaring")
    trainer = colleague("linda-groothuis")
    url = reverse("colleagues_handle_question", args=[question.pk])
    for role in ("anonymous", "submitter", "organiser"):
        for data in (
            {"action": "forward", "colleague": trainer.pk},
            {"action": "close"},
        ):
            assert not allowed(clients[role].post(url, data)), role
    question.refresh_from_db()
    assert question.status == KnowledgeQuestion.Status.NEW
    assert not QuestionForward.objects.filter(question=question).exists()
    assert not mails

    clients["editor"].post(url, {"action": "forward", "colleague": trainer.pk})
    question.refresh_from_db()
    assert question.status == KnowledgeQuestion.Status.FORWARDED


def test_no_role_sees_a_profile_without_consent_or_an_unconfirmed_question(clients, hidden_profile):
    unconfirmed = KnowledgeQuestion.objects.create(
        text="Zeldzaamwoord-onbevestigd: hoe plannen we de formatie?",
        asker_email="niet-bevestigd@example.nl",
    )
    hidden_path = hidden_profile.get_url_parts()[2]
    for role in ROLES:
        client = clients[role]
        assert client.get(hidden_path).status_code == 404, role
        for address in ("/collegas/", "/api/v1/search?q=Zonderja", "/zoeken/?q=Merel+Zonderja"):
            body = client.get(address).content.decode()
            assert "merel-zonderja" not in body and "merel@example.org" not in body, (
                role,
                address,
            )
        assert (
            "Zeldzaamwoord-onbevestigd" not in client.get("/stel-je-kennisvraag/").content.decode()
        )
    editor_list = clients["editor"].get("/admin/snippets/colleagues/knowledgequestion/")
    assert unconfirmed.text[:30] not in editor_list.content.decode()  # not until confirmed


# --- signed links ---------------------------------------------------------------------------------


def link_targets():
    forward = questions.forward(
        KnowledgeQuestion.objects.get(text__startswith="Wie heeft ervaring"),
        colleague("sandra-verhoef"),
    )
    question = KnowledgeQuestion.objects.create(text="Bevestig mij", asker_email="b@example.nl")
    request = InCompanyRequest.objects.create(
        colleague=colleague("sandra-verhoef"),
        requester_name="Joke",
        requester_email="joke@example.nl",
        message="Een dag over formatie.",
    )
    return {
        "consent": ("colleague_consent", colleague("linda-groothuis").pk, 61),
        "answer": ("question_answer_link", forward.pk, 31),
        "confirm": ("question_confirm", question.pk, 8),
        "request": ("in_company_status", request.pk, 366),
    }


def test_expired_changed_and_misdirected_links_are_refused_with_a_clear_message(demo, client):
    for kind, (url_name, pk, too_old) in link_targets().items():
        assert client.get(reverse(url_name, args=[make_token(kind, pk)])).status_code == 200, kind

        expired = client.get(reverse(url_name, args=[old_token(kind, pk, too_old)]))
        assert expired.status_code == 403, kind
        assert "Deze link is verlopen" in expired.content.decode(), kind

        token = make_token(kind, pk)
        for forged in (
            str(pk + 1) + token[len(str(pk)) :],  # another record, same signature
            token[:-2] + ("AA" if not token.endswith("AA") else "BB"),  # signature changed
            make_token("consent" if kind != "consent" else "answer", pk),  # another kind's link
        ):
            response = client.get(reverse(url_name, args=[forged]))
            assert response.status_code == 403, (kind, forged)
            assert "Deze link klopt niet" in response.content.decode(), (kind, forged)


def test_refused_links_change_nothing(demo, client, mails):
    question = KnowledgeQuestion.objects.create(text="Bevestig mij niet", asker_email="x@e.nl")
    linda = colleague("linda-groothuis")
    client.get(reverse("question_confirm", args=[old_token("confirm", question.pk, 8)]))
    client.post(
        reverse("colleague_consent", args=[old_token("consent", linda.pk, 61)]),
        {"action": "withdraw"},
    )
    question.refresh_from_db()
    linda.refresh_from_db()
    assert question.confirmed_at is None
    assert linda.live and linda.consent_withdrawn_at is None
    assert not mails


def test_an_answer_link_used_again_cannot_answer_twice(demo, client):
    forward = questions.forward(
        KnowledgeQuestion.objects.get(text__startswith="Wie heeft ervaring"),
        colleague("linda-groothuis"),
    )
    link = reverse("question_answer_link", args=[make_token("answer", forward.pk)])
    client.post(link, {"action": "answer", "answer": "Begin met een vaste groep."})
    again = client.post(link, {"action": "answer", "answer": "Iets heel anders."})
    assert again.status_code == 200
    assert "al gereageerd" in again.content.decode()
    declined = client.post(link, {"action": "decline", "reason": "Toch geen tijd"})
    assert "al gereageerd" in declined.content.decode()
    forward.refresh_from_db()
    assert forward.status == QuestionForward.Status.ANSWERED
    assert forward.answer == "Begin met een vaste groep."


def test_a_confirmation_link_used_again_confirms_once(demo, client):
    question = KnowledgeQuestion.objects.create(text="Bevestig mij twee keer", asker_email="t@e.nl")
    link = reverse("question_confirm", args=[make_token("confirm", question.pk)])
    assert client.get(link).status_code == 200
    question.refresh_from_db()
    first = question.confirmed_at
    assert first is not None and first <= timezone.now()
    assert client.get(link).status_code == 200
    question.refresh_from_db()
    assert question.confirmed_at == first
