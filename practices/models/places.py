"""Provinces and municipalities (CBS gebiedsindelingen 2015 and 2026) and the mergers between them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Province(models.Model):
    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("provincie")
        verbose_name_plural = _("provincies")

    def __str__(self):
        return self.name


class Municipality(models.Model):
    """A municipality as CBS lists it on 1 January 2015 and/or 2026; names are not translated."""

    cbs_code = models.CharField(_("CBS-code"), max_length=6, unique=True, help_text="GM0344")
    name = models.CharField(_("naam"), max_length=100, db_index=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    province = models.ForeignKey(
        Province,
        verbose_name=_("provincie"),
        on_delete=models.PROTECT,
        related_name="municipalities",
    )
    exists_2015 = models.BooleanField(_("bestond op 1 januari 2015"), default=False)
    is_current = models.BooleanField(_("bestaat op 1 januari 2026"), default=False, db_index=True)
    everyday_names = models.CharField(
        _("andere namen"),
        max_length=255,
        blank=True,
        help_text=_(
            "Namen die mensen in de praktijk gebruiken, gescheiden door komma's (bijv. Den Haag)."
        ),
    )
    successor = models.ForeignKey(
        "self",
        verbose_name=_("opgegaan in"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
        help_text=_("De huidige gemeente waar deze gemeente (grotendeels) in is opgegaan."),
    )
    dissolved_in = models.PositiveSmallIntegerField(_("opgeheven in"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self):
        return self.name

    @property
    def current(self):
        """The municipality that exists today for this one: itself, or its (dominant) successor."""
        return self if self.is_current or self.successor_id is None else self.successor

    @property
    def status_label(self):
        """What an editor should know before choosing it: current, or what it became and when."""
        if self.is_current:
            return _("huidige gemeente")
        if self.successor_id and self.dissolved_in:
            return _("voormalig: opgegaan in %(successor)s (%(year)s)") % {
                "successor": self.successor.name,
                "year": self.dissolved_in,
            }
        if self.successor_id:
            return _("voormalig: opgegaan in %(successor)s") % {"successor": self.successor.name}
        return _("voormalige gemeente")


class MunicipalitySuccession(models.Model):
    """What happened to a 2015 municipality that is gone by 2026 (CBS herindelingen)."""

    class Relation(models.TextChoices):
        MERGED = "merged", _("samengevoegd")
        SPLIT = "split", _("gesplitst")
        RENAMED = "renamed", _("hernoemd")
        PARTIAL = "partial", _("gedeeltelijk overgegaan")

    old = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="successions")
    new = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="absorptions")
    year = models.PositiveSmallIntegerField(_("jaar"))
    area_share = models.DecimalField(_("aandeel oppervlakte"), max_digits=4, decimal_places=2)
    relation = models.CharField(_("soort"), max_length=10, choices=Relation.choices)

    class Meta:
        ordering = ["old__name", "-area_share"]
        unique_together = [("old", "new")]
        verbose_name = _("gemeentelijke herindeling")
        verbose_name_plural = _("gemeentelijke herindelingen")

    def __str__(self):
        return f"{self.old} → {self.new} ({self.year})"
