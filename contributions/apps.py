from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributionsConfig(AppConfig):
    name = "contributions"
    verbose_name = _("Inzendingen")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from contributions import personal_data, signals

        signals.connect()
        personal_data.register()
