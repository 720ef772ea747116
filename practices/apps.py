from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Praktijkvoorbeelden")

    def ready(self):
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model

        import changes
        from caching.frontend import register_listing_paths
        from practices import privacy, search, term_translations
        from practices.listing_paths import listing_paths
        from practices.models import (
            LearningForm,
            Municipality,
            MunicipalityFigures,
            MunicipalitySuccession,
            PracticePage,
            ProfessionalGroup,
            Province,
            Theme,
        )

        term_translations.connect()
        # Terms and places show on the practices' pages, listings and search facets; a practice's
        # own link rows are saved with the practice, whose publish announces the change.
        for model in (
            Theme,
            ProfessionalGroup,
            LearningForm,
            Municipality,
            Province,
            MunicipalitySuccession,
            MunicipalityFigures,
            get_image_model(),
            get_document_model(),
        ):
            changes.watch(model)
        register_listing_paths(PracticePage, listing_paths)
        search.register()
        privacy.register()
