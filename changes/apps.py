from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChangesConfig(AppConfig):
    name = "changes"
    verbose_name = _("Wijzigingen")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from changes import receivers

        receivers.connect()
