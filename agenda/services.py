"""Registering, confirming, cancelling and the waiting list: every change to who has a place.

Each function that hands out or frees a place runs in one transaction that first locks the
activity's ledger row (`select_for_update`), and counts places only inside that lock, so parallel
requests never give away more places than there are. E-mails are queued after the commit.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agenda.models import ActivityLedger, ActivityPage, Registration

Status = Registration.Status

DEFAULT_OFFER_HOURS = 48


def offer_hours():
    return int(getattr(settings, "AGENDA_OFFER_HOURS", DEFAULT_OFFER_HOURS))


@dataclass(frozen=True)
class Availability:
    """What a visitor sees before typing anything: room left, a waiting list, or closed."""

    capacity: int | None
    taken: int
    waiting: int
    closed_reason: str = ""

    @property
    def places_left(self):
        if self.capacity is None:
            return None
        return max(0, self.capacity - self.taken)

    @property
    def is_full(self):
        return self.capacity is not None and self.taken >= self.capacity

    @property
    def is_open(self):
        return not self.closed_reason


def closed_reason(activity, now=None):
    """Why registering is not possible (a Dutch sentence), or "" when it is."""
    now = now or timezone.now()
    if activity.is_cancelled:
        return _("Deze activiteit gaat niet door. Aanmelden kan niet meer.")
    starts = activity.starts_at
    if starts is not None and starts <= now:
        return _("Deze activiteit is al begonnen of voorbij. Aanmelden kan niet meer.")
    if not activity.registration_open:
        return _("Aanmelden voor deze activiteit is (nog) niet mogelijk.")
    if activity.registration_deadline and activity.registration_deadline < now:
        return _("De aanmeldtermijn is verlopen. Aanmelden kan niet meer.")
    return ""


def availability(activity, now=None):
    """Places left, the waiting list and whether registering is open, for one activity."""
    return availabilities([activity], now)[activity.pk]


def availabilities(activities, now=None):
    """`availability` of every activity in `activities`, keyed by page id, in one query however
    many there are (the agenda shows twelve cards a page)."""
    activities = list(activities)
    now = now or timezone.now()
    counts = {activity.translation_key: {"taken": 0, "waiting": 0} for activity in activities}
    rows = (
        Registration.objects.filter(activity_key__in=counts)
        .values("activity_key", "status")
        .annotate(number=Count("id"))
        .order_by()
    )
    for row in rows:
        if row["status"] in Registration.HOLDS_PLACE:
            counts[row["activity_key"]]["taken"] += row["number"]
        elif row["status"] == Status.WAITING:
            counts[row["activity_key"]]["waiting"] += row["number"]
    return {
        activity.pk: Availability(
            capacity=activity.capacity,
            taken=counts[activity.translation_key]["taken"],
            waiting=counts[activity.translation_key]["waiting"],
            closed_reason=str(closed_reason(activity, now)),
        )
        for activity in activities
    }


# --- the lock ------------------------------------------------------------------------------------


def _lock(activity_key):
    """Lock the activity's ledger row until the transaction ends (call inside `atomic`)."""
    ActivityLedger.objects.get_or_create(activity_key=activity_key)
    if connection.vendor == "sqlite":
        # SQLite has no row locks; a write takes the database's write lock at once, so the
        # counting below cannot interleave with another writer's.
        ActivityLedger.objects.filter(activity_key=activity_key).update(activity_key=activity_key)
    return ActivityLedger.objects.select_for_update().get(activity_key=activity_key)


def _capacity(activity_key):
    """The capacity as the original-language page says it (translations share the places)."""
    pages = ActivityPage.objects.filter(translation_key=activity_key)
    page = pages.filter(locale__language_code=settings.LANGUAGE_CODE).first() or pages.first()
    return page.capacity if page else None


def _taken(activity_key):
    return Registration.objects.filter(
        activity_key=activity_key, status__in=Registration.HOLDS_PLACE
    ).count()


def _send_after_commit(registration, kind):
    from agenda.tasks import send_registration_mail

    transaction.on_commit(functools.partial(send_registration_mail.enqueue, registration.pk, kind))


# --- a visitor's steps ---------------------------------------------------------------------------


def register(
    activity, *, name, email, municipality, organisation, professional_group, remark, language
):
    """Record a registration that holds no place yet (double opt-in): the e-mail link places it.

    A second form for the same address gets the registration already there, and its e-mail again.
    """
    email = email.strip().lower()
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                activity=activity,
                activity_key=activity.translation_key,
                name=name,
                email=email,
                municipality=municipality,
                organisation=organisation,
                professional_group=professional_group,
                remark=remark,
                language=language,
            )
    except IntegrityError:
        registration = Registration.objects.get(
            activity_key=activity.translation_key, email=email, status__in=Registration.ACTIVE
        )
        _send_after_commit(registration, "again")
        return registration, False
    _send_after_commit(registration, "verify")
    return registration, True


@transaction.atomic
def confirm_email(registration_id, now=None):
    """The e-mail link was followed: a place if one is free and nobody waits, else the waiting list."""
    now = now or timezone.now()
    registration = Registration.objects.get(pk=registration_id)
    _lock(registration.activity_key)
    registration.refresh_from_db()
    if registration.status != Status.PENDING:
        return registration
    registration.email_confirmed_at = now
    capacity = _capacity(registration.activity_key)
    someone_waits = Registration.objects.filter(
        activity_key=registration.activity_key, status=Status.WAITING
    ).exists()
    if capacity is None or (_taken(registration.activity_key) < capacity and not someone_waits):
        registration.status = Status.CONFIRMED
        registration.placed_at = now
        kind = "confirmed"
    else:
        registration.status = Status.WAITING
        registration.waiting_since = now
        kind = "waiting"
    registration.save()
    _send_after_commit(registration, kind)
    return registration


@transaction.atomic
def cancel(registration_id, now=None):
    """The person cancels (signed link): a freed place goes to the first on the waiting list."""
    now = now or timezone.now()
    registration = Registration.objects.get(pk=registration_id)
    _lock(registration.activity_key)
    registration.refresh_from_db()
    if registration.status not in Registration.ACTIVE:
        return registration
    registration.status = Status.CANCELLED
    registration.cancelled_at = now
    registration.offer_expires_at = None
    registration.save()
    _send_after_commit(registration, "cancelled")
    _offer_free_places(registration.activity_key, now)
    return registration


class OfferExpired(Exception):
    pass


@transaction.atomic
def accept_offer(registration_id, now=None):
    """The person takes the place offered to them, within the time the offer holds."""
    now = now or timezone.now()
    registration = Registration.objects.get(pk=registration_id)
    _lock(registration.activity_key)
    registration.refresh_from_db()
    if registration.status == Status.CONFIRMED:
        return registration
    if registration.status != Status.OFFERED or (
        registration.offer_expires_at and registration.offer_expires_at < now
    ):
        raise OfferExpired
    registration.status = Status.CONFIRMED
    registration.placed_at = now
    registration.offer_expires_at = None
    registration.save()
    _send_after_commit(registration, "confirmed")
    return registration


# --- the waiting list ----------------------------------------------------------------------------


def _offer_free_places(activity_key, now):
    """Offer each free place to the next on the waiting list (inside the lock)."""
    capacity = _capacity(activity_key)
    waiting = Registration.objects.filter(activity_key=activity_key, status=Status.WAITING)
    if capacity is None:
        free = waiting.count()
    else:
        free = capacity - _taken(activity_key)
    if free <= 0:
        return []
    offered = []
    expires = now + datetime.timedelta(hours=offer_hours())
    for registration in waiting.order_by("waiting_since", "pk")[:free]:
        registration.status = Status.OFFERED
        registration.offer_expires_at = expires
        registration.save(update_fields=["status", "offer_expires_at"])
        _send_after_commit(registration, "offer")
        offered.append(registration)
    return offered


@transaction.atomic
def fill_free_places(activity, now=None):
    """After the capacity was raised (or any time): the waiting list moves up."""
    _lock(activity.translation_key)
    return _offer_free_places(activity.translation_key, now or timezone.now())


def expire_offers(now=None):
    """Offers nobody answered in time lapse, and pass to the next on the list. Returns how many."""
    now = now or timezone.now()
    keys = set(
        Registration.objects.filter(status=Status.OFFERED, offer_expires_at__lt=now).values_list(
            "activity_key", flat=True
        )
    )
    lapsed = 0
    for key in keys:
        with transaction.atomic():
            _lock(key)
            for registration in Registration.objects.filter(
                activity_key=key, status=Status.OFFERED, offer_expires_at__lt=now
            ):
                registration.status = Status.LAPSED
                registration.save(update_fields=["status"])
                _send_after_commit(registration, "offer_lapsed")
                lapsed += 1
            _offer_free_places(key, now)
    return lapsed


# --- organisers ----------------------------------------------------------------------------------


def mark_attended(activity, code, now=None):
    """The registration with this attendance code, marked present; None when no one has it."""
    code = "".join(code.split()).upper()
    registration = Registration.objects.filter(
        activity_key=activity.translation_key, attendance_code=code, status=Status.CONFIRMED
    ).first()
    if registration is not None and registration.attended_at is None:
        registration.attended_at = now or timezone.now()
        registration.save(update_fields=["attended_at"])
    return registration
