"""Registrations for an activity, and the ledger row that is locked while places are handed out.

Registrations count across the language versions of an activity (its `translation_key`): the Dutch
and the English page share one list of places.
"""

import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

ATTENDANCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud at the door


def new_attendance_code():
    return "".join(secrets.choice(ATTENDANCE_ALPHABET) for _ in range(6))


class Registration(models.Model):
    """One person's registration: the least we need to let them in and reach them."""

    class Status(models.TextChoices):
        PENDING = "pending", _("wacht op bevestiging per e-mail")
        CONFIRMED = "confirmed", _("aangemeld")
        WAITING = "waiting", _("op de wachtlijst")
        OFFERED = "offered", _("plek aangeboden")
        CANCELLED = "cancelled", _("afgemeld")
        LAPSED = "lapsed", _("verlopen")

    ACTIVE = (Status.PENDING, Status.CONFIRMED, Status.WAITING, Status.OFFERED)
    HOLDS_PLACE = (Status.CONFIRMED, Status.OFFERED)

    activity = models.ForeignKey(
        "agenda.ActivityPage",
        verbose_name=_("activiteit"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    activity_key = models.UUIDField(_("activiteit (alle talen)"), db_index=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    name = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(_("e-mailadres"), max_length=254)
    municipality = models.ForeignKey(
        "practices.Municipality",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation = models.CharField(_("andere organisatie"), max_length=200, blank=True)
    professional_group = models.ForeignKey(
        "practices.ProfessionalGroup",
        verbose_name=_("beroepsgroep"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    remark = models.TextField(_("opmerking"), max_length=1000, blank=True)
    language = models.CharField(_("taal"), max_length=8, default="nl")
    attendance_code = models.CharField(
        _("aanwezigheidscode"), max_length=8, default=new_attendance_code, editable=False
    )
    created_at = models.DateTimeField(_("aangemeld op"), auto_now_add=True)
    email_confirmed_at = models.DateTimeField(_("e-mail bevestigd op"), null=True, blank=True)
    placed_at = models.DateTimeField(_("plek gekregen op"), null=True, blank=True)
    waiting_since = models.DateTimeField(_("op de wachtlijst sinds"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("aanbod geldig tot"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("afgemeld op"), null=True, blank=True)
    attended_at = models.DateTimeField(_("aanwezig gemeld op"), null=True, blank=True)
    reminded_week_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminded_day_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["created_at", "pk"]
        permissions = [("manage_registrations", _("Aanmeldingen voor activiteiten beheren"))]
        constraints = [
            # One active registration per address and activity: a second form sent is no double booking.
            models.UniqueConstraint(
                fields=["activity_key", "email"],
                condition=Q(status__in=["pending", "confirmed", "waiting", "offered"]),
                name="agenda_one_active_registration_per_email",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.get_status_display()})"


class ActivityLedger(models.Model):
    """Per activity (all languages): the row a registration locks, what was last announced to
    participants, and the anonymous counts kept after the registrations are erased."""

    activity_key = models.UUIDField(unique=True)
    schedule_fingerprint = models.CharField(max_length=64, blank=True)
    cancellation_announced_at = models.DateTimeField(null=True, blank=True)
    purged_at = models.DateTimeField(_("gegevens gewist op"), null=True, blank=True)
    confirmed_count = models.PositiveIntegerField(_("aangemeld"), default=0)
    waiting_count = models.PositiveIntegerField(_("op de wachtlijst"), default=0)
    cancelled_count = models.PositiveIntegerField(_("afgemeld"), default=0)
    attended_count = models.PositiveIntegerField(_("aanwezig"), default=0)

    class Meta:
        verbose_name = _("telling van een activiteit")
        verbose_name_plural = _("tellingen van activiteiten")

    def __str__(self):
        return str(self.activity_key)
