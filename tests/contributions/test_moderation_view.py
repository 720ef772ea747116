"""A moderator opens a contribution and sees everything on one screen; its state follows the draft."""

import pytest
from django.core import mail
from django.urls import reverse

from contributions.models import Contribution
from contributions.services import create_contribution

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(site_with_form, django_user_model):
    user = django_user_model.objects.create_superuser("moderator", "m@example.nl", "pw")
    return user


@pytest.fixture
def contribution(site_with_form):
    data = {
        "title": "Leren op locatie in Zwolle",
        "summary": "Teams leren bij elkaar op de werkvloer.",
        "practice_year": 2018,
        "municipality": site_with_form["zwolle"],
        "themes": [site_with_form["terms"]["nl"]],
        "situation": "Iedereen werkte op een eigen eiland.",
        "approach": "We gingen een dag meelopen bij een ander team.",
        "submitter_name": "Bram Jansen",
        "submitter_email": "bram@example.nl",
    }
    return create_contribution(data, locale="nl")


def test_moderator_sees_text_submitter_and_a_link_to_the_draft(client, moderator, contribution):
    client.force_login(moderator)
    html = client.get(reverse("contribution:inspect", args=[contribution.pk])).content.decode()
    assert "Iedereen werkte op een eigen eiland." in html
    assert "We gingen een dag meelopen bij een ander team." in html
    assert "Bram Jansen" in html and "bram@example.nl" in html
    assert reverse("wagtailadmin_pages:edit", args=[contribution.page_id]) in html
    assert ">None<" not in html


def test_the_listing_opens_the_moderation_view(client, moderator, contribution):
    client.force_login(moderator)
    listing = client.get(reverse("contribution:index")).content.decode()
    assert reverse("contribution:inspect", args=[contribution.pk]) in listing


def test_a_contribution_cannot_be_marked_published_by_hand(client, moderator, contribution):
    client.force_login(moderator)
    url = reverse("contribution:edit", args=[contribution.pk])
    response = client.post(url, {"status": "published"})
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.PENDING
    assert not contribution.page.live


def test_rejecting_with_a_message_mails_the_submitter_and_ends_the_review(
    client, moderator, contribution
):
    client.force_login(moderator)
    assert contribution.page.current_workflow_state is not None
    url = reverse("contribution:reject", args=[contribution.pk])
    empty = client.post(url, {"message": ""})
    assert empty.status_code == 200 and "verplicht veld" in empty.content.decode()
    response = client.post(url, {"message": "Het lijkt sterk op een bestaand voorbeeld."})
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.status == Contribution.Status.REJECTED
    assert contribution.page.current_workflow_state is None
    rejected = [
        m for m in mail.outbox if "bram@example.nl" in m.to and "bestaand voorbeeld" in m.body
    ]
    assert len(rejected) == 1
    html = client.get(reverse("contribution:inspect", args=[contribution.pk])).content.decode()
    assert "Afgewezen" in html
