"""iCalendar (RFC 5545) files of activities: one event per session, in Europe/Amsterdam with its
VTIMEZONE, and a UID that stays the same when the activity is edited or read in another language,
so a calendar replaces the event instead of adding a second one."""

import datetime
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags

PRODID = "-//Lerend Werken kennisbank//Agenda//NL"


def uid_domain():
    host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname
    return host or "lerendwerken.local"


def session_uid(activity, session):
    return f"activiteit-{activity.translation_key}-{session.translation_key}@{uid_domain()}"


def location_text(activity):
    if activity.is_online:
        return "Online"
    parts = [activity.venue, activity.address]
    if activity.municipality_id:
        parts.append(activity.municipality.name)
    return ", ".join(p for p in parts if p)


def build_calendar(activities, name, *, online_link=False):
    """The calendar of `activities`; `online_link` adds the link for a confirmed participant."""
    zone = timezone.get_default_timezone()
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", str(zone))
    stamp = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    for activity in activities:
        url = activity.full_url or ""
        sessions = activity.session_list
        for number, session in enumerate(sessions, start=1):
            event = icalendar.Event()
            event.add("uid", session_uid(activity, session))
            event.add("dtstamp", stamp)
            event.add(
                "last-modified", (activity.last_published_at or stamp).astimezone(datetime.UTC)
            )
            event.add("dtstart", datetime.datetime.combine(session.date, session.start_time, zone))
            event.add("dtend", datetime.datetime.combine(session.date, session.end_time, zone))
            summary = activity.title
            if len(sessions) > 1:
                summary = f"{activity.title} ({number}/{len(sessions)})"
                if session.title:
                    summary += f": {session.title}"
            event.add("summary", summary)
            description = [activity.summary]
            if online_link and activity.is_online and activity.online_link:
                description.append(activity.online_link)
            if url:
                description.append(url)
            event.add("description", "\n\n".join(strip_tags(d) for d in description if d))
            location = location_text(activity)
            if online_link and activity.is_online and activity.online_link:
                location = activity.online_link
            if location:
                event.add("location", location)
            if url:
                event.add("url", url)
            event.add("status", "CANCELLED" if activity.is_cancelled else "CONFIRMED")
            calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
