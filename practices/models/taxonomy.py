"""Editor-managed, translatable terms a practice is filed under: themes, professional groups, learning forms."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import TranslatableMixin
from wagtail.search import index


class TaxonomyTerm(TranslatableMixin, index.Indexed, models.Model):
    """A term with a slug that is the stable filter value in URLs, facets and the API (per language)."""

    name = models.CharField(_("naam"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        help_text=_("Gebruikt in adressen en filters, bijvoorbeeld 'jeugdzorg'."),
    )
    description = models.TextField(_("omschrijving"), blank=True)

    search_fields = [
        index.SearchField("name", boost=2),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Theme(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_theme_slug_per_locale")
        ]


class ProfessionalGroup(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("beroepsgroep")
        verbose_name_plural = _("beroepsgroepen")
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="unique_professional_group_slug_per_locale"
            )
        ]


class LearningForm(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("werkvorm")
        verbose_name_plural = _("werkvormen")
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="unique_learning_form_slug_per_locale"
            )
        ]
