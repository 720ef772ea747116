"""Abuse: bots, floods and forged posts create nothing, and the editors' inbox stays readable."""

import io

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from contributions.models import Contribution
from tests.contributions.helpers import assert_nothing_created, assert_text_kept, counts


def post(client, site, data, **extra):
    return client.post(site["form_page"].url, data, **extra)


def editor_mails():
    return [m for m in mail.outbox if m.to != ["bram@example.nl"]]


def test_filled_honeypot_creates_nothing_and_keeps_the_text(client, site_with_form, valid_data):
    before = counts()
    response = post(client, site_with_form, {**valid_data, "website": "https://spam.example"})
    assert response.status_code == 400
    assert_nothing_created(before)
    assert_text_kept(response, valid_data)
    assert mail.outbox == []


def test_honeypot_is_hidden_from_people_keyboards_and_screen_readers(client, site_with_form):
    html = client.get(site_with_form["form_page"].url).content.decode()
    wrapper = html.split('class="contribution-form__hp"', 1)[1].split("</div>", 1)[0]
    assert 'aria-hidden="true"' in wrapper
    assert 'tabindex="-1"' in wrapper
    assert "style=" not in html.split('class="contribution-form"', 1)[1]


def test_rate_limit_stops_the_sixth_submission_in_an_hour(client, site_with_form, valid_data):
    for n in range(5):
        response = post(client, site_with_form, {**valid_data, "title": f"Voorbeeld {n}"})
        assert response.status_code == 302
    before = counts()
    response = post(client, site_with_form, {**valid_data, "title": "Voorbeeld 6"})
    assert response.status_code == 429
    assert_nothing_created(before)
    assert "Voorbeeld 6" in response.content.decode()
    assert_text_kept(response, valid_data, ["summary", "situation", "submitter_name"])


def test_rate_limit_is_per_address_and_configurable(client, site_with_form, valid_data, settings):
    settings.CONTRIBUTION_RATE_LIMIT = 1
    assert post(client, site_with_form, valid_data).status_code == 302
    assert post(client, site_with_form, valid_data).status_code == 429
    other = post(client, site_with_form, valid_data, REMOTE_ADDR="192.0.2.55")
    assert other.status_code == 302


def test_only_a_hash_of_the_address_is_stored(client, site_with_form, valid_data):
    post(client, site_with_form, valid_data, REMOTE_ADDR="192.0.2.77")
    contribution = Contribution.objects.get()
    assert contribution.ip_hash and "192.0.2.77" not in contribution.ip_hash
    assert len(contribution.ip_hash) == 64


def test_post_without_csrf_token_is_refused_and_creates_nothing(site_with_form, valid_data):
    before = counts()
    client = Client(enforce_csrf_checks=True)
    response = client.post(site_with_form["form_page"].url, valid_data)
    assert response.status_code == 403
    assert_nothing_created(before)


def test_post_with_csrf_token_from_the_form_is_accepted(site_with_form, valid_data):
    client = Client(enforce_csrf_checks=True)
    client.get(site_with_form["form_page"].url)
    token = client.cookies["csrftoken"].value
    response = client.post(
        site_with_form["form_page"].url, {**valid_data, "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302


def test_global_pending_cap_stops_a_flood_and_keeps_the_text(
    client, site_with_form, valid_data, settings
):
    settings.CONTRIBUTION_MAX_PENDING = 2
    for n in range(2):
        address = f"192.0.2.{n + 10}"
        assert post(client, site_with_form, valid_data, REMOTE_ADDR=address).status_code == 302
    before = counts()
    response = post(client, site_with_form, valid_data, REMOTE_ADDR="192.0.2.99")
    assert response.status_code == 503
    assert_nothing_created(before)
    assert_text_kept(response, valid_data)


def test_a_flood_sends_editors_one_mail_then_a_digest(client, site_with_form, valid_data):
    for n in range(4):
        response = post(
            client,
            site_with_form,
            {**valid_data, "title": f"Voorbeeld {n}"},
            REMOTE_ADDR=f"192.0.2.{n + 10}",
        )
        assert response.status_code == 302
    assert len(editor_mails()) == 1
    assert len([m for m in mail.outbox if m.to == ["bram@example.nl"]]) == 4

    # The periodic digest waits for the interval, then covers everything not yet mailed.
    call_command("send_contribution_digest", stdout=io.StringIO())
    assert len(editor_mails()) == 1
    Contribution.objects.filter(editors_notified_at__isnull=False).update(
        editors_notified_at=timezone.now() - timezone.timedelta(hours=1)
    )
    call_command("send_contribution_digest", stdout=io.StringIO())
    digests = editor_mails()
    assert len(digests) == 2
    for n in (1, 2, 3):
        assert f"Voorbeeld {n}" in digests[1].body
    assert "Voorbeeld 0" not in digests[1].body
    assert not Contribution.objects.filter(editors_notified_at__isnull=True).exists()


def test_editor_mail_goes_to_configured_addresses(client, site_with_form, valid_data, settings):
    settings.CONTRIBUTION_NOTIFY_EMAILS = ["kennisbank@example.nl"]
    post(client, site_with_form, valid_data)
    assert [m.to for m in editor_mails()] == [["kennisbank@example.nl"]]


def test_wagtail_does_not_mail_moderators_per_submission(client, site_with_form, valid_data):
    # Superusers and the workflow's approvers would get Wagtail's own mail for every submission.
    get_user_model().objects.create_superuser("baas", "baas@example.nl", "x")
    post(client, site_with_form, valid_data)
    assert not [m for m in mail.outbox if "baas@example.nl" in m.to]
