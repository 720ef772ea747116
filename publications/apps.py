from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    name = "publications"
    verbose_name = _("Publicaties")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.documents import get_document_model

        import changes
        from caching.frontend import register_listing_paths
        from privacy.registry import register_not_personal
        from publications import searching, signals  # noqa: F401 -- connects the receivers
        from publications.listing_paths import listing_paths
        from publications.models import DocumentText, PublicationPage, Publisher

        # Publishers show on publications and filter searches; a document's text, once read,
        # makes its publication findable by it. Download counts are bookkeeping: not watched.
        for model in (Publisher, DocumentText, get_document_model()):
            changes.watch(model)
        register_listing_paths(PublicationPage, listing_paths)
        searching.register()
        register_not_personal(Publisher, ["name", "short_name"])  # organisations, not people
