from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ColleaguesConfig(AppConfig):
    name = "colleagues"
    verbose_name = _("Collega's")

    def ready(self):
        from colleagues import privacy

        privacy.register()
