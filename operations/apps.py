"""App configuration: hooks the outage detector into Django's request-exception signal."""

from django.apps import AppConfig
from django.core.signals import got_request_exception
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "operations"
    verbose_name = _("Beheer en bedrijfsvoering")

    def ready(self):
        from . import checks  # noqa: F401  (registers the deploy checks)
        from .outage import mark_database_outage

        # Exceptions raised inside middleware never reach process_exception; the signal sees them all.
        got_request_exception.connect(mark_database_outage, dispatch_uid="operations-db-outage")
