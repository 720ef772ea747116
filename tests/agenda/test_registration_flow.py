"""Registering on the public form: double opt-in, the waiting list, cancelling by signed link."""

import re

import pytest
from django.core import mail

from agenda import services
from agenda.models import Registration
from agenda.tokens import action_url
from tests.agenda.helpers import make_activity, registration_of

Status = Registration.Status


@pytest.fixture(scope="module")
def module_activity(module_agenda):
    return make_activity(module_agenda, "Leerbijeenkomst HRM Zwolle", capacity=2)


@pytest.fixture
def activity(module_activity, db):
    from tests.database import reloaded

    return reloaded(module_activity)


def form_data(**overrides):
    data = {
        "name": "Anna de Vries",
        "email": "anna@zwolle.nl",
        "municipality": "Zwolle",
        "organisation": "",
        "professional_group": "",
        "remark": "",
        "website": "",
    }
    return {**data, **overrides}


def register(client, activity, capture, **overrides):
    with capture(execute=True):
        return client.post(activity.route_url("register"), form_data(**overrides))


def links(message):
    return re.findall(r"https?://\S+", message.body)


def test_form_shows_places_left_before_anyone_types(client, activity):
    response = client.get(activity.route_url("register"))
    assert response.status_code == 200
    assert "Nog 2 plaatsen vrij." in response.content.decode()


def test_registering_holds_no_place_until_the_email_link_is_followed(
    client, activity, django_capture_on_commit_callbacks
):
    response = register(client, activity, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    registration = Registration.objects.get(email="anna@zwolle.nl")
    assert registration.status == Status.PENDING
    assert registration.municipality.name == "Zwolle"
    assert "Bevestig je aanmelding" in mail.outbox[-1].subject
    confirm = next(link for link in links(mail.outbox[-1]) if "/bevestigen/" in link)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(confirm.replace("http://testserver", ""))
    assert "Je bent aangemeld" in page.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    confirmation = mail.outbox[-1]
    assert "Je bent aangemeld" in confirmation.subject
    assert confirmation.attachments[0][0].endswith(".ics")
    assert registration.attendance_code in confirmation.body


def test_every_email_has_a_cancel_link(client, activity, django_capture_on_commit_callbacks):
    register(client, activity, django_capture_on_commit_callbacks)
    assert any("/afmelden/" in link for link in links(mail.outbox[-1]))


def test_bad_input_keeps_the_typed_text_with_a_dutch_message(client, activity):
    response = client.post(
        activity.route_url("register"), form_data(email="anna-at-zwolle", municipality="Atlantis")
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Vul een geldig e-mailadres in" in content
    assert 'value="anna-at-zwolle"' in content
    assert 'value="Atlantis"' in content
    assert not Registration.objects.exists()


def test_municipality_or_organisation_is_needed(client, activity):
    response = client.post(activity.route_url("register"), form_data(municipality=""))
    assert "Vul de gemeente in waar je werkt" in response.content.decode()


def test_honeypot_refuses_without_losing_the_form(client, activity):
    response = client.post(activity.route_url("register"), form_data(website="http://spam"))
    assert response.status_code == 400
    assert 'value="Anna de Vries"' in response.content.decode()
    assert not Registration.objects.exists()


def test_rate_limit_per_address(client, activity, settings, django_capture_on_commit_callbacks):
    from django.core.cache import cache

    cache.clear()
    settings.AGENDA_RATE_LIMIT = 2
    for n in range(2):
        register(client, activity, django_capture_on_commit_callbacks, email=f"p{n}@zwolle.nl")
    response = client.post(activity.route_url("register"), form_data(email="p9@zwolle.nl"))
    assert response.status_code == 429
    assert 'value="p9@zwolle.nl"' in response.content.decode()
    cache.clear()


def test_registering_twice_books_once(client, activity, django_capture_on_commit_callbacks):
    register(client, activity, django_capture_on_commit_callbacks)
    register(client, activity, django_capture_on_commit_callbacks, email="ANNA@zwolle.nl")
    assert Registration.objects.filter(email="anna@zwolle.nl").count() == 1
    assert len(mail.outbox) == 2  # the second form sends the link again


def test_full_activity_puts_people_on_the_waiting_list(client, activity):
    registration_of(activity, "a@x.nl")
    registration_of(activity, "b@x.nl")
    third = registration_of(activity, "c@x.nl")
    assert third.status == Status.WAITING
    page = client.get(activity.route_url("register")).content.decode()
    assert "Deze activiteit is vol" in page
    assert "Zet mij op de wachtlijst" in page


def test_cancelling_offers_the_place_to_the_first_waiting(
    client, activity, django_capture_on_commit_callbacks
):
    first = registration_of(activity, "a@x.nl")
    registration_of(activity, "b@x.nl")
    waiting = registration_of(activity, "c@x.nl")
    registration_of(activity, "d@x.nl")
    cancel = action_url(first, "cancel", absolute=False)
    asked = client.get(cancel)
    assert "Wil je je afmelden?" in asked.content.decode()
    first.refresh_from_db()
    assert first.status == Status.CONFIRMED  # a GET (a mail scanner) cancels nothing
    with django_capture_on_commit_callbacks(execute=True):
        client.post(cancel)
    first.refresh_from_db()
    waiting.refresh_from_db()
    assert first.status == Status.CANCELLED
    assert waiting.status == Status.OFFERED
    offer_mail = next(m for m in mail.outbox if m.to == ["c@x.nl"])
    assert "Er is een plek voor je vrij" in offer_mail.subject
    offer = next(link for link in links(offer_mail) if "/plek/" in link)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(offer.replace("http://testserver", ""))
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED


def test_tampered_link_says_so(client, activity):
    registration = registration_of(activity, "a@x.nl")
    url = action_url(registration, "cancel", absolute=False)
    response = client.get(url.replace("?t=", "?t=x"))
    assert response.status_code == 400
    assert "Deze link klopt niet" in response.content.decode()


def test_expired_link_says_so(client, activity, monkeypatch):
    from agenda import tokens

    registration = registration_of(activity, "a@x.nl")
    url = action_url(registration, "cancel", absolute=False)
    monkeypatch.setitem(tokens.MAX_AGE, "cancel", -1)
    response = client.get(url)
    assert response.status_code == 400
    assert "Deze link is verlopen" in response.content.decode()


def test_confirm_link_of_one_action_does_not_cancel(client, activity):
    registration = registration_of(activity, "a@x.nl")
    url = action_url(registration, "confirm", absolute=False).replace("/bevestigen/", "/afmelden/")
    response = client.post(url)
    assert response.status_code == 400
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_mails_are_in_the_language_registered_in_and_carry_a_calendar_that_parses(
    activity, django_capture_on_commit_callbacks
):
    import icalendar

    with django_capture_on_commit_callbacks(execute=True):
        registration, _created = services.register(
            activity,
            name="Jane Doe",
            email="jane@example.org",
            municipality=None,
            organisation="VNG",
            professional_group=None,
            remark="",
            language="en",
        )
    assert mail.outbox[-1].subject.startswith("Confirm your registration")
    with django_capture_on_commit_callbacks(execute=True):
        services.confirm_email(registration.pk)
    confirmation = mail.outbox[-1]
    assert confirmation.subject.startswith("You are registered")
    assert "Je bent" not in confirmation.body
    name, content, mimetype = confirmation.attachments[0]
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]).startswith(f"activiteit-{activity.translation_key}-")
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    session = activity.first_session
    assert event.decoded("dtstart") == session.starts_at
