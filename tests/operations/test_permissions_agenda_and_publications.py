"""Editors keep the agenda and the publications as they keep the practices: after the site's own
setup (`setup_site` runs `load_demo_agenda` and `setup_publications`), Redactie adds and changes
activities and publications in both languages, only Hoofdredactie publishes, and the same
two-step workflow applies; visitors and submitters get nowhere in the admin."""

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.models import Locale

from agenda.models import AgendaIndexPage
from practices.setup import CHIEF_EDITORS, EDITORS, WORKFLOW_NAME, ensure_practices_setup
from publications.models import PublicationIndexPage
from tests.agenda.helpers import make_activity
from tests.factories import make_user
from tests.publications.helpers import make_publication

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(home_page):
    ensure_practices_setup(home_page)
    call_command("load_demo_agenda", no_demo=True, stdout=None)
    call_command("setup_publications", stdout=None)
    agenda = AgendaIndexPage.objects.get(locale=home_page.locale)
    publications = PublicationIndexPage.objects.get(locale=home_page.locale)
    return {
        "agenda": agenda,
        "publications": publications,
        "activity": make_activity(agenda, "Intervisie in het wijkteam"),
        "publication": make_publication(publications, "Lerend werken in de wijk"),
    }


@pytest.fixture
def users(content):
    return {
        "submitter": make_user("submitter"),
        "editor": make_user("editor", EDITORS),
        "chief_editor": make_user("chief_editor", CHIEF_EDITORS),
    }


def admin_status(user, url):
    client = Client()
    client.force_login(user)
    return client.get(url).status_code


@pytest.mark.parametrize(
    "index, child, model",
    [
        ("agenda", "activity", "agenda/activitypage"),
        ("publications", "publication", "publications/publicationpage"),
    ],
)
@pytest.mark.parametrize("role", ["editor", "chief_editor"])
def test_editors_add_and_change_activities_and_publications_in_the_admin(
    content, users, index, child, model, role
):
    user = users[role]
    assert admin_status(user, f"/admin/pages/add/{model}/{content[index].pk}/") == 200
    assert admin_status(user, f"/admin/pages/{content[child].pk}/edit/") == 200
    # The English overview too: editors translate and add there as well.
    english = content[index].get_translation(Locale.objects.get(language_code="en"))
    assert admin_status(user, f"/admin/pages/add/{model}/{english.pk}/") == 200


@pytest.mark.parametrize("child", ["activity", "publication"])
def test_only_chief_editors_publish_activities_and_publications(content, users, child):
    page = content[child]
    assert not page.permissions_for_user(users["editor"]).can_publish()
    assert page.permissions_for_user(users["chief_editor"]).can_publish()
    assert page.permissions_for_user(users["editor"]).can_submit_for_moderation()
    # The editors' two-step workflow, as for practices.
    assert page.get_workflow().name == WORKFLOW_NAME


@pytest.mark.parametrize("child", ["activity", "publication"])
def test_submitters_and_visitors_cannot_change_activities_or_publications(content, users, child):
    page = content[child]
    assert not page.permissions_for_user(users["submitter"]).can_edit()
    assert admin_status(users["submitter"], f"/admin/pages/{page.pk}/edit/") != 200
    assert Client().get(f"/admin/pages/{page.pk}/edit/").status_code == 302  # to the login


def test_running_the_setup_again_adds_no_second_permission(content):
    from wagtail.models import GroupPagePermission

    before = GroupPagePermission.objects.count()
    call_command("load_demo_agenda", no_demo=True, stdout=None)
    call_command("setup_publications", stdout=None)
    assert GroupPagePermission.objects.count() == before
