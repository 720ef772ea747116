"""E-mails to people who registered, in the language they registered in; every one carries the
signed link that cancels. Sent by the tasks in agenda/tasks.py, queued after the commit."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from agenda.calendar import build_calendar
from agenda.models import Registration
from agenda.tokens import action_url

logger = logging.getLogger(__name__)

# Mails that carry the activity's .ics: whoever has a place gets the event in their calendar.
WITH_CALENDAR = {"confirmed", "reminder_week", "reminder_day", "changed"}


def subject_for(kind, activity, extra_subject=""):
    subjects = {
        "verify": _("Bevestig je aanmelding: %(title)s"),
        "again": _("Je aanmelding: %(title)s"),
        "confirmed": _("Je bent aangemeld: %(title)s"),
        "waiting": _("Je staat op de wachtlijst: %(title)s"),
        "offer": _("Er is een plek voor je vrij: %(title)s"),
        "offer_lapsed": _("Je plek is vergeven: %(title)s"),
        "cancelled": _("Je bent afgemeld: %(title)s"),
        "reminder_week": _("Over een week: %(title)s"),
        "reminder_day": _("Morgen: %(title)s"),
        "changed": _("Gewijzigd: %(title)s"),
        "activity_cancelled": _("Gaat niet door: %(title)s"),
        "message": "%(title)s: %(subject)s",
    }
    return subjects[kind] % {"title": activity.title, "subject": extra_subject}


def _activity_in(registration):
    """The activity in the registration's language (the page registered on, kept up to date)."""
    return registration.activity.specific


def send_registration_mail(registration, kind, *, subject="", message=""):
    """Mail `kind` to the registration's address; False when the mail failed or nobody is there."""
    if not registration.email:
        return False
    activity = _activity_in(registration)
    with translation.override(registration.language):
        context = {
            "kind": kind,
            "registration": registration,
            "activity": activity,
            "sessions": activity.session_list,
            "site_name": settings.WAGTAIL_SITE_NAME,
            "activity_url": activity.full_url,
            "cancel_url": action_url(registration, "cancel"),
            "message": message,
            "show_link": registration.status == Registration.Status.CONFIRMED,
            "offer_hours": int(getattr(settings, "AGENDA_OFFER_HOURS", 48)),
        }
        if kind in ("verify", "again") and registration.status == Registration.Status.PENDING:
            context["confirm_url"] = action_url(registration, "confirm")
        if kind == "offer":
            context["offer_url"] = action_url(registration, "offer")
            context["offer_expires_at"] = timezone.localtime(registration.offer_expires_at)
        body = render_to_string("agenda/emails/registration.txt", context)
        email = EmailMessage(
            " ".join(subject_for(kind, activity, subject).split()),
            body,
            settings.DEFAULT_FROM_EMAIL,
            [registration.email],
        )
        if kind in WITH_CALENDAR and registration.status == Registration.Status.CONFIRMED:
            email.attach(
                f"{activity.slug}.ics",
                build_calendar([activity], activity.title, online_link=True),
                "text/calendar; charset=utf-8; method=PUBLISH",
            )
    try:
        email.send()
    except Exception:
        logger.exception("The %s e-mail for registration %s failed", kind, registration.pk)
        return False
    return True
