"""The "Persoonsgegevens" tool: one person's data found, exported and erased across every registered kind."""

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision

from contributions.models import Contribution
from privacy.models import PersonalDataLogEntry

EMAIL = "bram@example.nl"
URL = "/admin/persoonsgegevens/"


@pytest.fixture
def person(client, site_with_form, valid_data):
    """Bram sent in a practice and is also its contact person; the editors published it."""
    data = {**valid_data, "contact_name": "Bram Jansen", "contact_email": EMAIL}
    client.post(site_with_form["form_page"].url, data)
    contribution = Contribution.objects.get()
    page = contribution.page.specific
    page.save_revision().publish()
    page.refresh_from_db()
    return {"contribution": contribution, "page": page}


@pytest.fixture
def privacy_officer(client, db):
    user = get_user_model().objects.create_superuser("fg", "fg@example.nl", "x")
    client.force_login(user)
    return user


def test_the_tool_finds_everything_held_about_an_address(client, person, privacy_officer):
    response = client.post(URL, {"email": "Bram@Example.nl", "action": "find"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Inzenders van praktijkvoorbeelden (1)" in html
    assert "Contactpersonen op praktijkvoorbeelden (1)" in html
    assert EMAIL in html


def test_the_tool_says_so_when_nothing_is_held(client, person, privacy_officer):
    response = client.post(URL, {"email": "niemand@example.nl", "action": "find"})
    assert "De site bewaart niets over dit e-mailadres." in response.content.decode()


def test_an_export_holds_every_kind_and_the_log_holds_none_of_it(client, person, privacy_officer):
    response = client.post(URL, {"email": EMAIL, "action": "export"})
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    kinds = {kind["kind"]: kind for kind in data["kinds"]}
    assert kinds["contributions.contribution"]["records"][0]["submitter"]["name"] == "Bram Jansen"
    assert kinds["practices.practicepage"]["records"][0]["contact_email"] == EMAIL
    assert kinds["contributions.contribution"]["retention_days"] == 90
    entry = PersonalDataLogEntry.objects.get()
    assert entry.action == "export" and entry.performed_by == privacy_officer
    assert entry.counts == {"contributions.contribution": 1, "practices.practicepage": 1}
    assert "bram" not in json.dumps(entry.counts).lower()


def test_erasing_asks_for_confirmation_first(client, person, privacy_officer):
    response = client.post(URL, {"email": EMAIL, "action": "erase"})
    assert "Vink aan dat je alle gevonden gegevens wilt wissen." in response.content.decode()
    person["contribution"].refresh_from_db()
    assert person["contribution"].submitter_email == EMAIL
    assert not PersonalDataLogEntry.objects.exists()


def test_after_erasure_neither_the_admin_nor_the_public_site_shows_the_person(
    client, person, privacy_officer
):
    page_url = person["page"].url
    assert "Bram Jansen" in client.get(page_url).content.decode()

    response = client.post(URL, {"email": EMAIL, "action": "erase", "confirm_erase": "on"})
    assert "2 gegevens gewist of geanonimiseerd." in response.content.decode()

    client.logout()
    public = client.get(page_url).content.decode()
    assert "Bram Jansen" not in public and EMAIL not in public
    contribution = Contribution.objects.get()
    assert (contribution.submitter_name, contribution.submitter_email, contribution.ip_hash) == (
        "",
        "",
        "",
    )
    for revision in Revision.objects.for_instance(person["page"]):
        assert EMAIL not in json.dumps(revision.content)
        assert "Bram Jansen" not in json.dumps(revision.content)
    entry = PersonalDataLogEntry.objects.get()
    assert entry.action == "erase" and entry.total == 2
    assert EMAIL not in json.dumps(entry.counts)


def test_erasure_publishes_no_draft_the_editors_have_not_approved(client, person, privacy_officer):
    page = person["page"]
    page.title = "Nog niet goedgekeurde titel"
    page.save_revision()
    client.post(URL, {"email": EMAIL, "action": "erase", "confirm_erase": "on"})
    page.refresh_from_db()
    assert page.title != "Nog niet goedgekeurde titel"
    assert page.has_unpublished_changes
    assert page.get_latest_revision_as_object().contact_name == ""


def test_retention_job_erases_what_has_been_kept_long_enough(person, settings):
    settings.CONTRIBUTION_RETENTION_DAYS = 30
    contribution = person["contribution"]
    contribution.decide(Contribution.Status.PUBLISHED, timezone.now() - timezone.timedelta(days=31))
    out = io.StringIO()
    call_command("apply_retention", stdout=out)
    contribution.refresh_from_db()
    assert contribution.submitter_email == ""
    assert "Inzenders van praktijkvoorbeelden: 1 gewist (bewaartermijn 30 dagen)" in out.getvalue()
    entry = PersonalDataLogEntry.objects.get()
    assert entry.action == "retention" and entry.performed_by is None
    # A contact person on a published page has no retention period: kept until asked.
    person["page"].refresh_from_db()
    assert person["page"].contact_email == EMAIL


def test_retention_job_leaves_recently_decided_and_undecided_cases_alone(person, settings):
    settings.CONTRIBUTION_RETENTION_DAYS = 30
    call_command("apply_retention", stdout=io.StringIO())  # published today
    person["contribution"].refresh_from_db()
    assert person["contribution"].submitter_email == EMAIL
    settings.CONTRIBUTION_RETENTION_DAYS = 0
    Contribution.objects.update(status=Contribution.Status.PENDING, decided_at=None)
    call_command("apply_retention", stdout=io.StringIO())  # waiting for the editors again
    person["contribution"].refresh_from_db()
    assert person["contribution"].submitter_email == EMAIL


def editor_with(client, *codenames):
    user = get_user_model().objects.create_user("redacteur2", "r2@example.nl", "x")
    group = Group.objects.create(name="Privacy")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in codenames:
        group.permissions.add(Permission.objects.get(codename=codename))
    user.groups.add(group)
    client.force_login(user)
    return user


def test_editors_without_the_permission_neither_see_nor_open_the_tool(client, person):
    editor_with(client)
    assert client.get(URL).status_code in (302, 403)
    response = client.post(URL, {"email": EMAIL, "action": "export"})
    assert response.status_code in (302, 403)
    assert EMAIL.encode() not in response.content
    assert URL not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_group_given_the_permission_uses_the_tool(client, person):
    editor_with(client, "manage_personal_data")
    assert client.get(URL).status_code == 200
    assert URL in client.get(reverse("wagtailadmin_home")).content.decode()
    response = client.post(URL, {"email": EMAIL, "action": "find"})
    assert EMAIL in response.content.decode()


def test_the_permission_can_be_given_in_the_group_editor(client, privacy_officer):
    group = Group.objects.create(name="Functionaris gegevensbescherming")
    html = client.get(reverse("wagtailusers_groups:edit", args=[group.pk])).content.decode()
    assert "Persoonsgegevens opzoeken, exporteren en wissen" in html


def test_anonymous_visitors_are_sent_to_the_login(client, person):
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]
