"""Periodic and editorial jobs: reminders, notices after an edit, mail from the organiser, and
erasing registrations once an activity is long over (keeping anonymous counts)."""

import datetime
import functools
import hashlib

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone

from agenda.models import ActivityLedger, ActivityPage, ActivitySession, Registration
from agenda.tokens import MAX_AGE

Status = Registration.Status
DEFAULT_RETENTION_DAYS = 90


def retention_days():
    return int(getattr(settings, "AGENDA_RETENTION_DAYS", DEFAULT_RETENTION_DAYS))


def _enqueue(registration_id, kind, subject="", message=""):
    from agenda.tasks import send_registration_mail

    transaction.on_commit(
        functools.partial(send_registration_mail.enqueue, registration_id, kind, subject, message)
    )


# --- reminders -----------------------------------------------------------------------------------


def send_reminders(now=None):
    """A reminder a week and a day before the first session, once each, to everyone with a place.

    Run it at least daily (hourly is better); a run that is late still sends what is due, and a
    person who registers within the week gets only the one-day reminder."""
    now = now or timezone.now()
    horizon = timezone.localtime(now + datetime.timedelta(days=8)).date()
    upcoming = (
        ActivityPage.objects.live()
        .filter(is_cancelled=False)
        .annotate(first=Min("sessions__date"))
        .filter(
            first__gte=timezone.localtime(now).date() - datetime.timedelta(days=1),
            first__lte=horizon,
        )
    )
    sent = 0
    for activity in upcoming:
        starts = activity.starts_at
        if starts is None or starts <= now:
            continue
        left = starts - now
        confirmed = Registration.objects.filter(activity=activity, status=Status.CONFIRMED)
        if left <= datetime.timedelta(days=1):
            due = confirmed.filter(reminded_day_at__isnull=True)
            kind, field = "reminder_day", "reminded_day_at"
        elif left <= datetime.timedelta(days=7):
            due = confirmed.filter(
                reminded_week_at__isnull=True, placed_at__lt=starts - datetime.timedelta(days=7)
            )
            kind, field = "reminder_week", "reminded_week_at"
        else:
            continue
        with transaction.atomic():
            ids = list(due.values_list("pk", flat=True))
            Registration.objects.filter(pk__in=ids).update(**{field: now})
            for pk in ids:
                _enqueue(pk, kind)
        sent += len(ids)
    return sent


# --- notices after an editor publishes -----------------------------------------------------------


def schedule_fingerprint(activity):
    parts = [f"{s.date}|{s.start_time}|{s.end_time}" for s in activity.session_list] + [
        str(activity.is_online),
        activity.venue,
        activity.address,
        str(activity.municipality_id),
        activity.online_link,
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def announce_changes(activity):
    """After a publish: tell participants about a new date, time or place, or a cancellation, and
    let the waiting list move up when places were added. Returns the kind of notice sent, if any."""
    from agenda.services import fill_free_places

    fingerprint = schedule_fingerprint(activity)
    with transaction.atomic():
        ledger, _created = ActivityLedger.objects.select_for_update().get_or_create(
            activity_key=activity.translation_key
        )
        kind = None
        interested = Registration.objects.filter(
            activity_key=activity.translation_key,
            status__in=(Status.CONFIRMED, Status.WAITING, Status.OFFERED),
        )
        if activity.is_cancelled:
            if ledger.cancellation_announced_at is None:
                ledger.cancellation_announced_at = timezone.now()
                kind = "activity_cancelled"
        elif ledger.schedule_fingerprint and ledger.schedule_fingerprint != fingerprint:
            kind = "changed"
            interested = interested.filter(status=Status.CONFIRMED)
        ledger.schedule_fingerprint = fingerprint
        ledger.save()
        if kind:
            for pk in interested.values_list("pk", flat=True):
                _enqueue(pk, kind)
    if not activity.is_cancelled and not activity.is_past:
        fill_free_places(activity)
    return kind


def mail_participants(activity, subject, message, statuses=(Status.CONFIRMED,)):
    """The organiser's message to everyone with a place (or the given statuses); returns how many."""
    ids = list(
        Registration.objects.filter(
            activity_key=activity.translation_key, status__in=statuses
        ).values_list("pk", flat=True)
    )
    with transaction.atomic():
        for pk in ids:
            _enqueue(pk, "message", subject, message)
    return len(ids)


# --- privacy -------------------------------------------------------------------------------------


def ended_activity_keys(before):
    """The activities (translation keys) whose last session was before the date `before`."""
    return set(
        ActivitySession.objects.values("page__translation_key")
        .annotate(last=Max("date"))
        .filter(last__lt=before)
        .values_list("page__translation_key", flat=True)
    )


def erase_registrations(registrations, now=None):
    """Delete `registrations`, adding them to their activities' anonymous counts first; a place
    they held goes to the waiting list. Returns how many were erased."""
    from agenda.services import fill_free_places

    now = now or timezone.now()
    erased = 0
    for key in set(registrations.values_list("activity_key", flat=True)):
        with transaction.atomic():
            ledger, _created = ActivityLedger.objects.get_or_create(activity_key=key)
            ledger = ActivityLedger.objects.select_for_update().get(pk=ledger.pk)
            mine = registrations.filter(activity_key=key)
            rows = list(mine.values_list("status", "attended_at"))
            ledger.confirmed_count += sum(1 for s, _a in rows if s == Status.CONFIRMED)
            ledger.waiting_count += sum(
                1 for s, _a in rows if s in (Status.WAITING, Status.OFFERED, Status.LAPSED)
            )
            ledger.cancelled_count += sum(1 for s, _a in rows if s == Status.CANCELLED)
            ledger.attended_count += sum(1 for _s, a in rows if a is not None)
            ledger.purged_at = now
            ledger.save()
            erased += mine.delete()[0]
        page = ActivityPage.objects.filter(translation_key=key).first()
        if page is not None and not page.is_past and not page.is_cancelled:
            fill_free_places(page)
    return erased


def purge_registrations(now=None, days=None):
    """Erase the registrations of activities that ended more than `days` ago (AGENDA_RETENTION_DAYS),
    keeping only anonymous counts on the ledger; and unconfirmed registrations whose link expired.
    Returns how many registrations were erased."""
    now = now or timezone.now()
    days = retention_days() if days is None else days
    cutoff = timezone.localtime(now - datetime.timedelta(days=days)).date()
    erased = erase_registrations(
        Registration.objects.filter(activity_key__in=ended_activity_keys(cutoff)), now
    )
    unconfirmed = Registration.objects.filter(
        status=Status.PENDING,
        created_at__lt=now - datetime.timedelta(seconds=MAX_AGE["confirm"]),
    )
    erased += unconfirmed.delete()[0]
    return erased


def counts(activity):
    """Confirmed, waiting, cancelled and attended for the organiser, including erased ones."""
    ledger = ActivityLedger.objects.filter(activity_key=activity.translation_key).first()
    rows = list(
        Registration.objects.filter(activity_key=activity.translation_key).values_list(
            "status", "attended_at"
        )
    )
    result = {
        "confirmed": sum(1 for s, _a in rows if s == Status.CONFIRMED),
        "waiting": sum(1 for s, _a in rows if s in (Status.WAITING, Status.OFFERED)),
        "cancelled": sum(1 for s, _a in rows if s == Status.CANCELLED),
        "attended": sum(1 for _s, a in rows if a is not None),
        "pending": sum(1 for s, _a in rows if s == Status.PENDING),
    }
    if ledger and ledger.purged_at:
        result["confirmed"] += ledger.confirmed_count
        result["waiting"] += ledger.waiting_count
        result["cancelled"] += ledger.cancelled_count
        result["attended"] += ledger.attended_count
    return result
