"""In-company requests: a municipality asks a colleague from elsewhere for a course in its own
organisation; the trainer and the editors hear of it, the requester follows its state by a link."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class InCompanyRequest(models.Model):
    class Status(models.TextChoices):
        NEW = "nieuw", _("nieuw")
        IN_TALKS = "in_overleg", _("in overleg met de trainer")
        AGREED = "afgesproken", _("afgesproken")
        DECLINED = "afgewezen", _("niet mogelijk")

    colleague = models.ForeignKey(
        "colleagues.ColleaguePage",
        verbose_name=_("collega-trainer"),
        on_delete=models.CASCADE,
        related_name="in_company_requests",
    )
    course = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("cursus"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    municipality = models.ForeignKey(
        "practices.Municipality",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requester_name = models.CharField(_("naam aanvrager"), max_length=200)
    requester_email = models.EmailField(_("e-mailadres aanvrager"))
    message = models.TextField(_("wens"), max_length=3000)
    participants = models.PositiveIntegerField(_("aantal deelnemers"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    status_note = models.TextField(
        _("toelichting voor de aanvrager"),
        blank=True,
        help_text=_("De aanvrager ziet deze tekst bij de status."),
    )
    created_at = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    panels = [
        FieldPanel("colleague", read_only=True),
        FieldPanel("municipality", read_only=True),
        FieldPanel("message", read_only=True),
        FieldPanel("status"),
        FieldPanel("status_note"),
    ]

    class Meta:
        verbose_name = _("incompany-verzoek")
        verbose_name_plural = _("incompany-verzoeken")
        ordering = ["-created_at"]

    def __str__(self):
        place = self.municipality.name if self.municipality_id else self.requester_name
        return f"{place} → {self.colleague.title}"
