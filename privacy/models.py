"""The log of data-subject requests and retention runs: that something happened, never the data itself."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PersonalDataLogEntry(models.Model):
    """One export, erasure or retention run: when, by whom, and how many records of which kind.

    The e-mail address and the values are deliberately not stored: the log must not become the
    copy of the data that an erasure was meant to remove."""

    class Action(models.TextChoices):
        EXPORT = "export", _("geëxporteerd")
        ERASE = "erase", _("gewist")
        RETENTION = "retention", _("bewaartermijn verlopen")

    action = models.CharField(_("actie"), max_length=20, choices=Action.choices)
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uitgevoerd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    counts = models.JSONField(_("aantal per soort"), default=dict, blank=True)
    created_at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("logregel persoonsgegevens")
        verbose_name_plural = _("logregels persoonsgegevens")
        default_permissions = ()
        permissions = [
            ("manage_personal_data", _("Persoonsgegevens opzoeken, exporteren en wissen")),
        ]

    def __str__(self):
        return f"{self.get_action_display()} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def total(self):
        return sum(self.counts.values())
