"""The content version, in the database so that every process (web workers, the task worker, an
import from the command line) sees a change together with the data that changed."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """One row whose token changes with every change to public content. A random token, not a
    counter, so a rolled-back change never repeats one that another process already saw."""

    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("inhoudsversie")
        verbose_name_plural = _("inhoudsversies")

    def __str__(self):
        return self.token
