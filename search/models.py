"""Synonyms and abbreviations that editors maintain: Wmo ↔ Wet maatschappelijke ondersteuning."""

from django.conf import settings
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

