from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SemanticConfig(AppConfig):
    """Search by meaning: page embeddings, hybrid ranking and similar pages (see search.semantic)."""

    name = "search.semantic"
    label = "semantic"
    verbose_name = _("Zoeken op betekenis")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from search.semantic import store

        store.connect()
