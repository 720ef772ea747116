"""An editor (Redactie) creates, previews and submits a practice; a chief editor (Hoofdredactie) publishes it."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from practices.models import Municipality, PracticePage, Theme
from practices.setup import CHIEF_EDITORS, EDITORS
from tests.practices.admin_forms import practice_form_data

pytestmark = pytest.mark.django_db


def member_of(group_name, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor():
    return member_of(EDITORS, "redacteur")


@pytest.fixture
def chief_editor():
    return member_of(CHIEF_EDITORS, "hoofdredacteur")


def form(**overrides):
    defaults = {
        "title": "Intervisie in het wijkteam",
        "slug": "intervisie-in-het-wijkteam",
        "municipality": Municipality.objects.get(cbs_code="GM0150"),  # Deventer
        "themes": [Theme.objects.get(slug="collegiaal-leren", locale__language_code="nl")],
    }
    defaults.update(overrides)
    return practice_form_data(**defaults)


def add_url(practice_index_set_up):
    return reverse(
        "wagtailadmin_pages:add", args=["practices", "practicepage", practice_index_set_up.id]
    )


def test_editor_previews_a_new_practice_before_saving(client, practice_index_set_up, editor):
    client.force_login(editor)
    preview_url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=["practices", "practicepage", practice_index_set_up.id],
    )
    response = client.post(preview_url, form())
    assert response.json() == {"is_valid": True, "is_available": True}
    response = client.get(preview_url)
    assert response.status_code == 200
    assert "Intervisie in het wijkteam" in response.content.decode()


def test_editor_submits_and_chief_editor_publishes_through_the_workflow(
    client, practice_index_set_up, editor, chief_editor
):
    client.force_login(editor)
    response = client.post(
        add_url(practice_index_set_up), {**form(), "action-submit": "Ter moderatie aanbieden"}
    )
    assert response.status_code == 302
    page = PracticePage.objects.get(slug="intervisie-in-het-wijkteam")
    assert not page.live
    assert page.workflow_in_progress
    assert not page.permissions_for_user(editor).can_publish()

    client.force_login(chief_editor)
    task_state = page.current_workflow_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.id, "approve", task_state.id])
    )
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    assert client.get(page.url).status_code == 200


def test_editor_cannot_publish_directly(client, practice_index_set_up, editor):
    client.force_login(editor)
    client.post(add_url(practice_index_set_up), {**form(), "action-publish": "Publiceren"})
    page = PracticePage.objects.get(slug="intervisie-in-het-wijkteam")
    assert not page.live


def test_practice_without_theme_is_refused_with_a_dutch_message(
    client, practice_index_set_up, editor
):
    client.force_login(editor)
    response = client.post(add_url(practice_index_set_up), form(themes=[]))
    assert response.status_code == 200
    assert "Kies minstens één thema." in response.content.decode()
    assert not PracticePage.objects.filter(slug="intervisie-in-het-wijkteam").exists()


def test_summary_over_500_characters_is_refused_with_a_dutch_message(
    client, practice_index_set_up, editor
):
    client.force_login(editor)
    response = client.post(add_url(practice_index_set_up), form(summary="x" * 501))
    assert response.status_code == 200
    assert "500" in response.content.decode()
    assert not PracticePage.objects.filter(slug="intervisie-in-het-wijkteam").exists()


def test_regional_partnership_needs_involved_municipalities(client, practice_index_set_up, editor):
    client.force_login(editor)
    response = client.post(
        add_url(practice_index_set_up), form(municipality=None, organisation="Regio Achterhoek")
    )
    assert response.status_code == 200
    assert "betrokken gemeenten" in response.content.decode()
    involved = [
        Municipality.objects.get(cbs_code="GM0197"),
        Municipality.objects.get(cbs_code="GM1509"),
    ]
    response = client.post(
        add_url(practice_index_set_up),
        form(municipality=None, organisation="Regio Achterhoek", involved=involved),
    )
    assert response.status_code == 302
    page = PracticePage.objects.get(slug="intervisie-in-het-wijkteam")
    assert [m.name for m in page.municipalities] == ["Aalten", "Oude IJsselstreek"]
