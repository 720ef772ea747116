"""When content changes, every cached page is dropped at once: listings, counts, the map and the
feeds all depend on many pages, so a change anywhere may show anywhere.

The cache keys carry a generation number; a change stores a new one, and the old entries simply
expire. Bookkeeping writes that never show on a public page (sessions, search statistics, task
results, logins) leave the cache alone. On publishing a practice, a configured frontend cache
(CDN, Varnish) is also told to drop the pages that list it.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.urls import NoReverseMatch, reverse
from django.utils import translation

GENERATION_KEY = "page-cache:generation"
BOOKKEEPING_APPS = {
    "admin",
    "auth",
    "contenttypes",
    "sessions",
    "django_tasks",
    "django_tasks_database",
    "wagtailadmin",
    "wagtailsearch",
    "modelsearch",
    "wagtailusers",
}


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = new_generation()
    return value


def new_generation():
    value = str(time.time_ns())
    cache.set(GENERATION_KEY, value, None)
    return value


def content_changed(sender, **kwargs):
    if sender._meta.app_label not in BOOKKEEPING_APPS:
        new_generation()


def listing_paths(practice):
    """The addresses, besides the practice's own, that show or count this practice."""
    language = practice.locale.language_code
    paths = {"/sitemap.xml"}
    with translation.override(language):
        for ancestor in practice.get_ancestors().filter(depth__gt=1).specific():
            paths.add(ancestor.get_url())
        routes = [("search", {})]
        routes += [("theme_detail", {"slug": theme.slug}) for theme in practice.themes]
        routes += [
            ("professional_group_detail", {"slug": group.slug})
            for group in practice.professional_groups
        ]
        routes += [
            ("municipality_detail", {"slug": place.slug}) for place in practice.municipalities
        ]
        routes += [("practice_feed", {"kind": kind}) for kind in ("rss", "atom")]
        for name, kwargs in routes:
            try:
                paths.add(reverse(name, kwargs=kwargs))
            except NoReverseMatch:
                continue
    return sorted(path for path in paths if path)


def purge_listings(sender, instance, **kwargs):
    """Tell the frontend cache (when one is configured) to drop the pages that list a practice."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    from practices.models import PracticePage

    page = instance.specific
    if not isinstance(page, PracticePage):
        return
    site = page.get_site()
    if site is None:
        return
    batch = PurgeBatch()
    batch.add_urls(site.root_url + path for path in listing_paths(page))
    batch.purge()


def connect():
    from wagtail.signals import page_published, page_unpublished

    post_save.connect(content_changed, dispatch_uid="caching.content_saved")
    post_delete.connect(content_changed, dispatch_uid="caching.content_deleted")
    page_published.connect(purge_listings, dispatch_uid="caching.purge_on_publish")
    page_unpublished.connect(purge_listings, dispatch_uid="caching.purge_on_unpublish")
