"""Tells a configured frontend cache (Varnish, a CDN: `wagtail.contrib.frontend_cache`) to drop the
addresses that show changed pages.

Wagtail's frontend_cache app purges a page's own address on publish and unpublish. Listings,
counts, feeds and the sitemap show a page too: each content app declares, per page model, which
addresses list its pages (`register_listing_paths`). On `content_changing` (read inside the
transaction, so a deleted page's listings are still known; purged after commit) the addresses of every
changed page and of its listings are purged in one batch, each address once, however many pages an
import chunk changed.
"""

import logging
from collections import defaultdict

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.utils import translation

logger = logging.getLogger(__name__)

_listing_paths = {}  # page model -> function(pages) -> paths


def register_listing_paths(model, function):
    """`function(pages)` gives the paths ("/thema/jeugdzorg/") that show or count any of `pages`
    (pages of `model` or a subclass, possibly deleted ones), besides the pages' own addresses.
    It is called once per change with all changed pages of the model, so it should query in bulk."""
    _listing_paths[model] = function


def ancestor_paths(pages):
    """The addresses of the pages above `pages`, below the tree's root (home pages, indexes): they
    list their children. For listing-path functions of content apps."""
    from wagtail.models import Locale, Page

    step = Page.steplen
    paths = {
        page.path[:end]
        for page in pages
        for end in range(2 * step, len(page.path), step)  # depth 2 up to the parent
    }
    languages = dict(Locale.objects.values_list("id", "language_code"))
    urls = set()
    for ancestor in Page.objects.filter(path__in=paths):
        with translation.override(languages.get(ancestor.locale_id)):
            urls.add(ancestor.get_url())
    return {url for url in urls if url}


def listing_function(model):
    for klass in model.__mro__:
        if klass in _listing_paths:
            return _listing_paths[klass]
    return None


def purge_batch(pages):
    """A PurgeBatch with the addresses of `pages` and of the pages that list them."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    by_function = defaultdict(list)
    roots = defaultdict(set)  # function -> root URLs of the sites its pages are on
    for page in pages:
        try:
            batch.add_page(page)
            site = page.get_site()
        except ObjectDoesNotExist:  # deleted with its site (the placeholder welcome page)
            continue
        function = listing_function(page.specific_class or type(page))
        if function is None or site is None:
            continue
        by_function[function].append(page)
        roots[function].add(site.root_url)
    for function, listed in by_function.items():
        paths = set(function(listed))
        batch.add_urls(root + path for root in roots[function] for path in paths if path)
    return batch


def purge_listings(sender, pages=(), **kwargs):
    """content_changing receiver: work out now, while a deleted page's links still exist, what shows
    the changed pages; purge it once the change is committed (when a frontend cache is set)."""
    if not pages or not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    try:
        batch = purge_batch(pages)
    except Exception:  # a purge must never stop a publish; the cache entries expire by themselves
        logger.exception("Could not work out which addresses to purge")
        return
    transaction.on_commit(batch.purge, robust=True)
