"""Synonyms and abbreviations that editors maintain: Wmo ↔ Wet maatschappelijke ondersteuning."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Synonym(models.Model):
    """Words or phrases that mean the same to a searcher; a query for one also finds the others."""

    terms = models.CharField(
        _("woorden"),
        max_length=500,
        help_text=_(
            "Woorden, afkortingen of uitdrukkingen die hetzelfde betekenen, gescheiden door "
            "komma's. Bijvoorbeeld: Wmo, Wet maatschappelijke ondersteuning"
        ),
    )
    language = models.CharField(
        _("taal"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    updated_at = models.DateTimeField(_("bijgewerkt"), auto_now=True)

    class Meta:
        ordering = ["terms"]
        verbose_name = _("synoniem")
        verbose_name_plural = _("synoniemen")

    def __str__(self):
        return self.terms

    @property
    def expressions(self):
        return [term.strip() for term in self.terms.split(",") if term.strip()]

    def clean(self):
        super().clean()
        distinct = {expression.casefold() for expression in self.expressions}
        if len(distinct) < 2:
            raise ValidationError(
                {
                    "terms": _(
                        "Een synoniem verbindt minstens twee woorden of uitdrukkingen, gescheiden "
                        "door komma's (bijv. Wmo, Wet maatschappelijke ondersteuning)."
                    )
                }
            )


class PendingIndexUpdate(models.Model):
    """A change the search engine missed while it was unreachable; `retry_search_index` sends it again.

    One row per object: a later change to the same object replaces the earlier one.
    """

    class Action(models.TextChoices):
        UPDATE = "update", _("bijwerken")
        DELETE = "delete", _("verwijderen")

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField(_("object-id"), max_length=64)
    action = models.CharField(
        _("actie"), max_length=10, choices=Action.choices, default=Action.UPDATE
    )
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    last_error = models.TextField(_("laatste fout"), blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("bijgewerkt"), auto_now=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("wachtende indexwijziging")
        verbose_name_plural = _("wachtende indexwijzigingen")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="unique_pending_index_update"
            )
        ]

    def __str__(self):
        return f"{self.action} {self.content_type_id}:{self.object_id}"


class QueryOutcome(models.Model):
    """Per query and day, beside Wagtail's daily hits (search_promotions.QueryDailyHits): how many of
    those searches found nothing, and how many times a result was opened. Counts only: no visitor,
    no address, no time of day."""

    query = models.ForeignKey(
        "wagtailsearchpromotions.Query",
        on_delete=models.CASCADE,
        related_name="daily_outcomes",
        verbose_name=_("zoekvraag"),
    )
    date = models.DateField(_("datum"))
    without_results = models.PositiveIntegerField(_("zonder resultaat"), default=0)
    results_opened = models.PositiveIntegerField(_("resultaat geopend"), default=0)

    class Meta:
        verbose_name = _("uitkomst van een zoekvraag")
        verbose_name_plural = _("uitkomsten van zoekvragen")
        constraints = [
            models.UniqueConstraint(fields=["query", "date"], name="one_outcome_per_query_and_day")
        ]

    def __str__(self):
        return f"{self.query} {self.date}"
