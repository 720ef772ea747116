"""Links from a page to a taxonomy term, one abstract model per kind of term, shared by practices
and publications (each adds the ParentalKey to its own page type).

They are translatable child objects rather than a ParentalManyToManyField: wagtail-localize does
not translate ParentalManyToManyField, but it does translate the foreign keys of translatable
child objects (wagtail-localize issues 534, 820), so a translated page points at translated terms.
Search filters and counts facets on these rows by term id.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable, TranslatableMixin


class TranslatableLink(TranslatableMixin, Orderable):
    """An ordered, translatable child object of a page."""

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order"]


class ThemeLink(TranslatableLink):
    theme = models.ForeignKey(
        "practices.Theme", verbose_name=_("thema"), on_delete=models.CASCADE, related_name="+"
    )
    panels = [FieldPanel("theme")]

    class Meta(TranslatableLink.Meta):
        abstract = True
        verbose_name = _("thema")
        unique_together = [("translation_key", "locale")]


class ProfessionalGroupLink(TranslatableLink):
    professional_group = models.ForeignKey(
        "practices.ProfessionalGroup",
        verbose_name=_("beroepsgroep"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    panels = [FieldPanel("professional_group")]

    class Meta(TranslatableLink.Meta):
        abstract = True
        verbose_name = _("beroepsgroep")
        unique_together = [("translation_key", "locale")]


class LearningFormLink(TranslatableLink):
    learning_form = models.ForeignKey(
        "practices.LearningForm",
        verbose_name=_("werkvorm"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    panels = [FieldPanel("learning_form")]

    class Meta(TranslatableLink.Meta):
        abstract = True
        verbose_name = _("werkvorm")
        unique_together = [("translation_key", "locale")]
