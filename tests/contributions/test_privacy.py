"""Privacy: submitter details are erased after the retention period, and on request by an editor."""

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from contributions.models import Contribution
from practices.models import PracticePage


@pytest.fixture
def contribution(client, site_with_form, valid_data):
    client.post(site_with_form["form_page"].url, valid_data)
    return Contribution.objects.get()


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("beheer", "beheer@example.nl", "x")
    client.force_login(user)
    return client


def age(contribution, status, days):
    contribution.decide(status, when=timezone.now() - timezone.timedelta(days=days))


def test_purge_erases_submitter_details_after_the_retention_period(contribution, settings):
    settings.CONTRIBUTION_RETENTION_DAYS = 30
    age(contribution, Contribution.Status.PUBLISHED, days=31)
    call_command("purge_contributions", stdout=io.StringIO())
    contribution.refresh_from_db()
    assert contribution.submitter_name == ""
    assert contribution.submitter_email == ""
    assert contribution.ip_hash == ""
    assert contribution.personal_data_removed_at is not None
    assert PracticePage.objects.filter(pk=contribution.page_id).exists()


def test_purge_keeps_details_within_the_retention_period(contribution, settings):
    settings.CONTRIBUTION_RETENTION_DAYS = 30
    age(contribution, Contribution.Status.REJECTED, days=29)
    call_command("purge_contributions", stdout=io.StringIO())
    contribution.refresh_from_db()
    assert contribution.submitter_email == "bram@example.nl"


def test_purge_keeps_details_while_the_editors_have_not_decided(contribution, settings):
    settings.CONTRIBUTION_RETENTION_DAYS = 0
    Contribution.objects.update(created_at=timezone.now() - timezone.timedelta(days=400))
    call_command("purge_contributions", stdout=io.StringIO())
    contribution.refresh_from_db()
    assert contribution.submitter_email == "bram@example.nl"


def test_deleting_the_draft_counts_as_a_rejection(contribution):
    contribution.page.delete()
    contribution.refresh_from_db()
    assert contribution.page is None
    assert contribution.status == Contribution.Status.REJECTED
    assert contribution.decided_at is not None


def test_editor_exports_the_submitters_data_as_json(admin_client, contribution):
    response = admin_client.get(reverse("contribution:export", args=[contribution.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert data["submitter"] == {"name": "Bram Jansen", "email": "bram@example.nl"}
    assert data["consent"]["statement_version"] == contribution.consent_version
    assert data["page"]["contact_for_publication"]["name"] == "Anna de Vries"


def test_editor_erases_the_submitters_data_on_request(admin_client, contribution):
    url = reverse("contribution:erase", args=[contribution.pk])
    assert admin_client.get(url).status_code == 200  # asks to confirm first
    contribution.refresh_from_db()
    assert contribution.submitter_email == "bram@example.nl"
    response = admin_client.post(url)
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.submitter_name == "" and contribution.submitter_email == ""


def test_people_without_permission_cannot_export(client, contribution):
    user = get_user_model().objects.create_user("lezer", "lezer@example.nl", "x")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(reverse("contribution:export", args=[contribution.pk]))
    assert response.status_code in (302, 403)
    assert b"bram@example.nl" not in response.content


def test_editors_see_new_contributions_in_the_admin_listing_and_dashboard(
    admin_client, contribution
):
    listing = admin_client.get(reverse("contribution:index"))
    assert listing.status_code == 200
    assert contribution.title in listing.content.decode()
    dashboard = admin_client.get(reverse("wagtailadmin_home"))
    html = dashboard.content.decode()
    assert "1 inzending wacht op de redactie" in html
    assert contribution.title in html


def test_redactie_group_can_open_the_listing(client, site_with_form, contribution):
    editor = site_with_form["editor"]
    client.force_login(editor)
    assert client.get(reverse("contribution:index")).status_code == 200


def test_purge_also_runs_as_a_background_task(contribution, settings):
    from contributions.tasks import purge_contribution_personal_data

    settings.CONTRIBUTION_RETENTION_DAYS = 1
    age(contribution, Contribution.Status.PUBLISHED, days=2)
    result = purge_contribution_personal_data.enqueue()
    assert result.return_value == 1
    contribution.refresh_from_db()
    assert contribution.submitter_email == ""


def test_workflow_rejection_starts_the_retention_clock(admin_client, contribution):
    from wagtail.models import WorkflowState

    state = WorkflowState.objects.get(object_id=str(contribution.page_id))
    user = get_user_model().objects.get(username="beheer")
    state.current_task_state.task.specific.on_action(state.current_task_state, user, "reject")
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.REJECTED
    assert contribution.decided_at is not None


def test_admin_listing_offers_no_way_to_add_contributions_by_hand(admin_client, contribution):
    listing = admin_client.get(reverse("contribution:index")).content.decode()
    assert reverse("contribution:add") not in listing
    assert reverse("contribution:export", args=[contribution.pk]) in listing
