from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "agenda"
    verbose_name = _("Agenda")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from agenda import personal_data, searching, signals, trainers  # noqa: F401 -- connects the receivers

        searching.register()
        personal_data.register()
        trainers.register()
