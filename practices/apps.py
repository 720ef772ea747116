from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Praktijkvoorbeelden")

    def ready(self):
        from practices import term_translations

        term_translations.connect()
