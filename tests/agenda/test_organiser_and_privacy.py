"""What the issue asks beyond the flow itself: the organiser's message to all participants, the
privacy text on the form, and a closed activity saying so before anyone types."""

import datetime

from django.core import mail
from django.utils import timezone

from agenda.models import Registration
from tests.agenda.helpers import days_from_now, log_in_as_organiser, make_activity, registration_of


def test_organiser_mails_everyone_with_a_place_and_nobody_else(
    client, agenda, django_user_model, django_capture_on_commit_callbacks
):
    activity = make_activity(agenda, "Leerbijeenkomst inkopers Utrecht", capacity=2)
    registration_of(activity, "een@x.nl")
    registration_of(activity, "twee@x.nl")
    registration_of(activity, "wacht@x.nl")  # full: on the waiting list
    registration_of(activity, "nog-niet@x.nl", confirm=False)
    log_in_as_organiser(client, django_user_model)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/agenda/aanmeldingen/{activity.pk}/",
            {"action": "mail", "subject": "Andere zaal", "message": "We zitten in zaal 3."},
            follow=True,
        )
    assert "Je bericht gaat naar 2 deelnemer(s)." in response.content.decode()
    assert sorted(m.to[0] for m in mail.outbox) == ["een@x.nl", "twee@x.nl"]
    assert all("We zitten in zaal 3." in m.body for m in mail.outbox)
    assert all("Andere zaal" in m.subject for m in mail.outbox)
    assert all("/afmelden/" in m.body for m in mail.outbox)


def test_organiser_mail_without_a_message_is_refused_with_a_message(
    client, agenda, django_user_model
):
    activity = make_activity(agenda, "Werkbezoek Deventer")
    log_in_as_organiser(client, django_user_model)
    response = client.post(
        f"/admin/agenda/aanmeldingen/{activity.pk}/",
        {"action": "mail", "subject": "Leeg", "message": "  "},
        follow=True,
    )
    assert "Vul een onderwerp en een bericht in." in response.content.decode()
    assert not mail.outbox


def test_the_form_says_who_sees_the_data_and_when_it_is_erased(client, agenda, settings):
    settings.AGENDA_RETENTION_DAYS = 30
    activity = make_activity(agenda, "Collegiale cursus intervisie begeleiden")
    html = client.get(activity.route_url("register")).content.decode()
    assert "Wat gebeurt er met je gegevens?" in html
    assert "Alleen de organisatoren van deze activiteit zien je gegevens" in html
    assert "We wissen je gegevens automatisch 30 dagen na de activiteit." in html


def test_a_form_past_its_deadline_says_so_and_takes_nothing(client, agenda):
    activity = make_activity(
        agenda,
        "Leergang met verstreken termijn",
        dates=[days_from_now(3)],
        registration_deadline=timezone.now() - datetime.timedelta(hours=1),
    )
    page = client.get(activity.route_url("register"))
    html = page.content.decode()
    assert "De aanmeldtermijn is verlopen." in html
    assert 'name="email"' not in html
    response = client.post(
        activity.route_url("register"),
        {"name": "Laat", "email": "laat@x.nl", "municipality": "Zwolle", "website": ""},
    )
    assert response.status_code == 409
    assert not Registration.objects.filter(email="laat@x.nl").exists()
