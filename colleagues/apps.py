from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ColleaguesConfig(AppConfig):
    name = "colleagues"
    verbose_name = _("Collega's")

    def ready(self):
        from caching.frontend import register_listing_paths
        from colleagues import privacy, searching, signals  # noqa: F401 -- connects the receivers
        from colleagues.listing_paths import listing_paths
        from colleagues.models import ColleaguePage, QuestionAnswerPage

        privacy.register()
        searching.register()
        # A profile or an answer shows in the overview, the intake, search and the sitemap.
        register_listing_paths(ColleaguePage, listing_paths)
        register_listing_paths(QuestionAnswerPage, listing_paths)
