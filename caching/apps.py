from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CachingConfig(AppConfig):
    name = "caching"
    verbose_name = _("caching")

    def ready(self):
        # The page cache follows the content version by itself (caching.middleware); a frontend
        # cache must be told.
        from caching.frontend import purge_listings
        from changes.signals import content_changing

        content_changing.connect(purge_listings, dispatch_uid="caching-purge-listings")
