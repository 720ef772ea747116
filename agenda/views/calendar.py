"""Calendar files: one activity, or a subscribable feed of the agenda with the listing's filters."""

from django.http import HttpResponse
from django.utils.translation import gettext as _

from agenda.calendar import build_calendar
from agenda.listing import activities_in

FEED_SIZE = 200


def ics_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def serve_activity(activity, request):
    return ics_response(build_calendar([activity], activity.title), f"{activity.slug}.ics")


def serve_feed(index_page, request):
    """Upcoming activities, filtered as the listing is (beroepsgroep, provincie, thema, …)."""
    pages, chosen, _errors = activities_in(index_page.locale_id, request.GET)
    pages = pages.select_related("municipality").prefetch_related("sessions")[:FEED_SIZE]
    name = _("Agenda Leren van collega's")
    labels = [value for value in chosen.values() if value]
    if labels:
        name = f"{name} ({', '.join(labels)})"
    return ics_response(build_calendar(list(pages), name), "agenda.ics")
