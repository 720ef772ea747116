"""Calendar files (parsed with icalendar), reminders, notices after an edit, the waiting list moving
when places are added or offers lapse, and erasing registrations after the retention period."""

import datetime
import zoneinfo

import icalendar
import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from agenda import jobs, services
from agenda.models import ActivityLedger, Registration
from tests.agenda.helpers import days_from_now, make_activity, registration_of
from tests.database import reloaded

Status = Registration.Status
AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


@pytest.fixture(scope="module")
def module_activities(module_agenda):
    from practices.models import ProfessionalGroup

    hrm = ProfessionalGroup.objects.get(slug="hrm", locale__language_code="nl")
    course = make_activity(
        module_agenda,
        "Collegiale cursus vraagverheldering",
        dates=[days_from_now(20), days_from_now(34)],
        capacity=1,
        professional_groups=[hrm],
    )
    other = make_activity(module_agenda, "Werkbezoek Deventer", municipality="GM0150")
    return {"course": course, "other": other}


@pytest.fixture
def course(module_activities, db):
    return reloaded(module_activities["course"])


def parse(content):
    return icalendar.Calendar.from_ical(content)


def test_activity_ics_has_one_event_per_session_in_amsterdam_time(client, course):
    response = client.get(course.route_url("calendar"))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = parse(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 2
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    start = events[0].decoded("dtstart")
    assert start.tzinfo.key == "Europe/Amsterdam" if hasattr(start.tzinfo, "key") else True
    assert events[0]["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert start.astimezone(AMSTERDAM).time() == datetime.time(13, 30)
    assert "(1/2)" in str(events[0]["SUMMARY"])


def test_uids_are_stable_across_edits_and_unique_per_session(client, course):
    before = [
        str(e["UID"])
        for e in parse(client.get(course.route_url("calendar")).content).walk("VEVENT")
    ]
    course.title = "Collegiale cursus vraagverheldering (nieuwe titel)"
    course.save_revision().publish()
    after = [
        str(e["UID"])
        for e in parse(client.get(course.route_url("calendar")).content).walk("VEVENT")
    ]
    assert before == after
    assert len(set(after)) == 2
    assert all(uid.startswith(f"activiteit-{course.translation_key}-") for uid in after)


def test_feed_filters_by_professional_group(client, course, agenda):
    feed = client.get(agenda.url + "kalender/?beroepsgroep=hrm")
    titles = {str(e["SUMMARY"]) for e in parse(feed.content).walk("VEVENT")}
    assert any("vraagverheldering" in t for t in titles)
    assert not any("Werkbezoek" in t for t in titles)
    everything = parse(client.get(agenda.url + "kalender/").content).walk("VEVENT")
    assert any("Werkbezoek" in str(e["SUMMARY"]) for e in everything)


def test_online_link_only_in_the_confirmed_participants_calendar(client, agenda):
    online = make_activity(agenda, "Webinar inkopers", online=True)
    page = client.get(online.url).content.decode()
    public_ics = client.get(online.route_url("calendar")).content.decode()
    assert "meet.example.nl" not in page
    assert "meet.example.nl" not in public_ics
    from agenda.calendar import build_calendar

    assert b"meet.example.nl" in build_calendar([online], "x", online_link=True)


def test_reminders_a_week_and_a_day_before_once_each(course, django_capture_on_commit_callbacks):
    registration = registration_of(course, "a@x.nl")
    Registration.objects.filter(pk=registration.pk).update(
        placed_at=timezone.now() - datetime.timedelta(days=30)
    )
    starts = course.starts_at
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.send_reminders(now=starts - datetime.timedelta(days=6)) == 1
        assert jobs.send_reminders(now=starts - datetime.timedelta(days=6)) == 0
        assert jobs.send_reminders(now=starts - datetime.timedelta(hours=20)) == 1
    subjects = [m.subject for m in mail.outbox]
    assert any(s.startswith("Over een week") for s in subjects)
    assert any(s.startswith("Morgen") for s in subjects)
    assert mail.outbox[-1].attachments[0][0].endswith(".ics")


def test_raising_capacity_offers_places_to_the_waiting_list(course):
    registration_of(course, "a@x.nl")
    waiting = registration_of(course, "b@x.nl")
    assert waiting.status == Status.WAITING
    course.capacity = 2
    course.save_revision().publish()
    waiting.refresh_from_db()
    assert waiting.status == Status.OFFERED


def test_unanswered_offer_passes_to_the_next(course, django_capture_on_commit_callbacks):
    first = registration_of(course, "a@x.nl")
    second = registration_of(course, "b@x.nl")
    third = registration_of(course, "c@x.nl")
    services.cancel(first.pk)
    second.refresh_from_db()
    assert second.status == Status.OFFERED
    later = second.offer_expires_at + datetime.timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.expire_offers(now=later) == 1
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == Status.LAPSED
    assert third.status == Status.OFFERED
    with pytest.raises(services.OfferExpired):
        services.accept_offer(second.pk)


def test_offer_holds_for_the_configured_hours(course, settings):
    settings.AGENDA_OFFER_HOURS = 12
    first = registration_of(course, "a@x.nl")
    second = registration_of(course, "b@x.nl")
    services.cancel(first.pk)
    second.refresh_from_db()
    left = second.offer_expires_at - timezone.now()
    assert datetime.timedelta(hours=11) < left <= datetime.timedelta(hours=12)


def test_changed_time_is_announced_to_participants(course, django_capture_on_commit_callbacks):
    registration_of(course, "a@x.nl")
    sessions = list(course.sessions.all())
    sessions[0].start_time = datetime.time(10, 0)
    sessions[0].end_time = datetime.time(12, 0)
    course.sessions = sessions
    with django_capture_on_commit_callbacks(execute=True):
        course.save_revision().publish()
    assert any(m.subject.startswith("Gewijzigd") for m in mail.outbox)


def test_cancelled_activity_is_announced_once_and_closes(
    client, course, django_capture_on_commit_callbacks
):
    registration_of(course, "a@x.nl")
    course.is_cancelled = True
    with django_capture_on_commit_callbacks(execute=True):
        course.save_revision().publish()
        course.save_revision().publish()
    assert [m.subject for m in mail.outbox].count(f"Gaat niet door: {course.title}") == 1
    page = client.get(course.route_url("register")).content.decode()
    assert "Deze activiteit gaat niet door" in page
    assert '<form class="contribution-form"' not in page


def test_purge_erases_registrations_and_keeps_counts(course):
    registration_of(course, "a@x.nl")
    registration_of(course, "b@x.nl")
    after = course.ends_at + datetime.timedelta(days=91)
    assert jobs.purge_registrations(now=after) == 2
    assert not Registration.objects.filter(activity_key=course.translation_key).exists()
    ledger = ActivityLedger.objects.get(activity_key=course.translation_key)
    assert (ledger.confirmed_count, ledger.waiting_count) == (1, 1)
    assert jobs.counts(course)["confirmed"] == 1


def test_purge_keeps_registrations_within_the_retention_period(course):
    registration_of(course, "a@x.nl")
    assert jobs.purge_registrations(now=course.ends_at + datetime.timedelta(days=89)) == 0


def test_cron_commands_run(course):
    for command in ("send_agenda_reminders", "expire_agenda_offers", "purge_agenda_registrations"):
        call_command(command, stdout=open("/dev/null", "w"))


def test_personal_data_tool_finds_and_erases_a_registration_keeping_counts(course):
    from privacy.registry import get_registration

    registration_of(course, "a@x.nl")
    entry = get_registration(Registration)
    found = list(entry.held_about("A@x.nl"))
    assert [r.email for r in found] == ["a@x.nl"]
    assert entry.export(found[0])["email"] == "a@x.nl"
    entry.erase(found[0], timezone.now())
    assert not Registration.objects.filter(email="a@x.nl").exists()
    assert jobs.counts(course)["confirmed"] == 1
