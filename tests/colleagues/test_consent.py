"""Consent (AVG): no profile online without it, withdrawn at once, signed links that refuse
tampering and age, and no personal data shown publicly."""

import pytest
from django.urls import reverse
from django.utils import timezone

from colleagues.links import make_token
from colleagues.models import ColleaguePage
from search.service import search
from search.types import SearchParams
from tests.colleagues.conftest import colleague, old_token

pytestmark = pytest.mark.django_db


def new_profile(**fields):
    from colleagues.models import ColleagueIndexPage

    index = ColleagueIndexPage.objects.get(locale__language_code="nl")
    page = ColleaguePage(
        title="Karin Zonder Toestemming",
        slug="karin",
        helps_with="Roosters maken voor zelfsturende teams.",
        email="karin@example.org",
        live=False,
        **fields,
    )
    index.add_child(instance=page)
    page.save_revision()
    return page


def test_editor_cannot_publish_a_profile_without_consent(demo, admin_client):
    page = new_profile()
    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {
            "title": page.title,
            "slug": page.slug,
            "helps_with": page.helps_with,
            "email": page.email,
            "languages": "Nederlands",
            **{
                f"{name}-{key}": value
                for name in ("themes", "professional_groups", "learning_forms", "practice_links")
                for key, value in (
                    ("TOTAL_FORMS", 0),
                    ("INITIAL_FORMS", 0),
                    ("MIN_NUM_FORMS", 0),
                    ("MAX_NUM_FORMS", 1000),
                )
            },
            "action-publish": "publish",
        },
        follow=True,
    )
    page.refresh_from_db()
    assert not page.live
    assert "geen toestemming" in response.content.decode()


def test_a_profile_made_live_in_code_without_consent_goes_offline_and_is_not_shown(demo, client):
    page = new_profile()
    page.get_latest_revision().publish()
    page.refresh_from_db()
    assert not page.live
    assert client.get(page.url or "/collegas/karin/").status_code == 404


def test_withdrawal_by_signed_link_unpublishes_at_once(demo, client, mails, admin_user):
    linda = colleague("linda-groothuis")
    url = linda.url
    assert client.get(url).status_code == 200
    token = make_token("consent", linda.pk)
    with mails.committed():
        response = client.post(reverse("colleague_consent", args=[token]), {"action": "withdraw"})
    assert "offline gehaald" in response.content.decode()
    linda.refresh_from_db()
    assert not linda.live and linda.consent_withdrawn_at is not None
    assert client.get(url).status_code == 404
    results = search(SearchParams(query="intervisie", document_types=("collega",)))
    assert linda.pk not in {hit.page_id for hit in results.hits}
    assert any("ingetrokken" in m.subject for m in mails)


def test_consent_given_by_link_is_recorded_and_survives_an_older_draft(demo, client, mails):
    page = new_profile()
    client.post(
        reverse("colleague_consent", args=[make_token("consent", page.pk)]), {"action": "give"}
    )
    page.refresh_from_db()
    assert page.has_consent
    page.get_latest_revision().publish()  # a draft saved before the consent
    page.refresh_from_db()
    assert page.live and page.has_consent


def test_expired_link_is_refused_with_a_clear_message(demo, client):
    linda = colleague("linda-groothuis")
    response = client.get(reverse("colleague_consent", args=[old_token("consent", linda.pk, 90)]))
    assert response.status_code == 403
    assert "verlopen" in response.content.decode()


def test_tampered_link_is_refused_with_a_clear_message(demo, client):
    linda = colleague("linda-groothuis")
    token = make_token("consent", linda.pk)
    forged = str(linda.pk + 1) + token[len(str(linda.pk)) :]
    response = client.get(reverse("colleague_consent", args=[forged]))
    assert response.status_code == 403
    assert "klopt niet" in response.content.decode()


def test_a_change_by_link_is_a_draft_for_the_editors(demo, client, mails):
    linda = colleague("linda-groothuis")
    client.post(
        reverse("colleague_consent", args=[make_token("consent", linda.pk)]),
        {
            "action": "change",
            "job_title": "teamcoach",
            "helps_with": "Intervisie en teamcoaching.",
            "languages": "Nederlands",
        },
    )
    linda.refresh_from_db()
    assert linda.helps_with.startswith("Intervisie opzetten")  # the live profile is unchanged
    assert linda.has_unpublished_changes
    assert linda.get_latest_revision_as_object().helps_with == "Intervisie en teamcoaching."


def test_profile_shows_no_email_address_and_forwards_the_contact_form(demo, client, mails):
    linda = colleague("linda-groothuis")
    page = client.get(linda.url).content.decode()
    assert linda.email not in page
    with mails.committed():
        response = client.post(
            linda.url,
            {"name": "Piet", "email": "piet@gemeente.nl", "message": "Mag ik je iets vragen?"},
        )
    assert response.status_code == 302
    sent = [m for m in mails if linda.email in m.to]
    assert sent and sent[0].reply_to == ["piet@gemeente.nl"]
    assert "Mag ik je iets vragen?" in sent[0].body


def test_contact_form_keeps_what_was_typed_and_refuses_the_honeypot(demo, client, mails):
    linda = colleague("linda-groothuis")
    response = client.post(
        linda.url, {"name": "Piet", "email": "geen-adres", "message": "Hallo daar"}
    )
    assert response.status_code == 400
    assert "Hallo daar" in response.content.decode()
    assert "geldig e-mailadres" in response.content.decode()
    response = client.post(
        linda.url,
        {"name": "Bot", "email": "b@example.org", "message": "spam", "website": "x"},
    )
    assert response.status_code == 400
    assert not mails


def test_contact_form_rate_limit(demo, client, mails):
    linda = colleague("linda-groothuis")
    data = {"name": "Piet", "email": "piet@gemeente.nl", "message": "Hoi"}
    for _ in range(5):
        assert client.post(linda.url, data).status_code == 302
    assert client.post(linda.url, data).status_code == 429


def test_colleagues_propose_themselves_as_a_draft_with_consent(demo, client, mails):
    from practices.models import Theme

    theme = Theme.objects.get(slug="wmo", locale__language_code="nl")
    with mails.committed():
        response = client.post(
            reverse("colleague_propose"),
            {
                "name": "Anna de Vries",
                "municipality": "Zwolle",
                "helps_with": "Schuldhulp aan de keukentafel.",
                "themes": [theme.pk],
                "email": "anna@example.org",
                "consent": "on",
            },
        )
    assert response.status_code == 302
    page = ColleaguePage.objects.get(title="Anna de Vries")
    assert not page.live and page.has_consent
    assert any("anna@example.org" in m.to for m in mails)


def test_overview_filters_by_professional_group_and_province(demo, client):
    response = client.get("/collegas/", {"beroepsgroep": "hrm"})
    body = response.content.decode()
    assert "Sandra Verhoef" in body and "Linda Groothuis" not in body
    body = client.get("/collegas/", {"provincie": "overijssel"}).content.decode()
    assert "Linda Groothuis" in body and "Fatima El Amrani" in body and "Bart Smeenk" not in body


def test_profile_lists_practices_and_answered_questions(demo, client):
    body = client.get(colleague("linda-groothuis").url).content.decode()
    assert "Intervisie in een Deventer wijkteam" in body
    assert "Hoe begin je met intervisie in een wijkteam?" in body


def test_search_and_api_find_consenting_colleagues_only(demo, client):
    results = search(SearchParams(query="keukentafelgesprek", document_types=("collega",)))
    assert "Fatima El Amrani" in [hit.title for hit in results.hits]
    page = new_profile(consent_given_at=timezone.now(), consent_withdrawn_at=timezone.now())
    ColleaguePage.objects.filter(pk=page.pk).update(live=True)
    data = client.get("/api/v1/search", {"q": "roosters zelfsturende", "type": "collega"}).json()
    assert "Karin Zonder Toestemming" not in [r["title"] for r in data["results"]]
