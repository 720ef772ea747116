"""Key figures per municipality from CBS (Kerncijfers wijken en buurten): inhabitants, density,
dwellings and area, one row per current municipality, of the edition last loaded."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .places import Municipality


class MunicipalityFigures(models.Model):
    municipality = models.OneToOneField(
        Municipality,
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        related_name="figures",
    )
    year = models.PositiveSmallIntegerField(
        _("peiljaar"), help_text=_("De cijfers gelden op 1 januari van dit jaar.")
    )
    source = models.CharField(_("bron"), max_length=200, help_text=_("CBS-tabel, bijv. 85984NED."))
    inhabitants = models.PositiveIntegerField(_("inwoners"))
    density = models.PositiveIntegerField(_("inwoners per km² land"))
    dwellings = models.PositiveIntegerField(_("woningen"), null=True, blank=True)
    land_area_ha = models.PositiveIntegerField(_("oppervlakte land (ha)"))
    total_area_ha = models.PositiveIntegerField(_("oppervlakte totaal (ha)"), null=True, blank=True)

    class Meta:
        ordering = ["municipality__name"]
        verbose_name = _("kerncijfers van een gemeente")
        verbose_name_plural = _("kerncijfers van gemeenten")

    def __str__(self):
        return f"{self.municipality} ({self.year})"
