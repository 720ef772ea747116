"""The embeddings of pages: one or more vectors per page (a publication has one per page of its
files), of the model that made them, with the hash of the text they were made from."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PageEmbedding(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("pagina"),
    )
    part = models.PositiveIntegerField(
        _("deel"), default=0, help_text=_("0: de pagina zelf; 1, 2, …: een pagina van een bestand")
    )
    language = models.CharField(_("taal"), max_length=16, db_index=True)
    model_name = models.CharField(_("model"), max_length=64, db_index=True)
    vector = models.BinaryField(_("vector"), help_text=_("float32, genormaliseerd"))
    content_hash = models.CharField(_("hash van de tekst"), max_length=64)
    updated_at = models.DateTimeField(_("bijgewerkt"), auto_now=True)

    class Meta:
        verbose_name = _("embedding van een pagina")
        verbose_name_plural = _("embeddings van pagina's")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "part", "model_name"], name="semantic_one_vector_per_part"
            )
        ]

    def __str__(self):
        return f"{self.page_id}/{self.part} ({self.model_name})"
