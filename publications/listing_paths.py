"""The addresses, besides a publication's own, that show or count it: its parent pages (the
publications overview), the search page and the sitemap. A frontend cache is told to drop them when
the publication changes (registered with `caching.frontend` in PublicationsConfig.ready)."""

from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from caching.frontend import ancestor_paths


def listing_paths(pages):
    languages = dict(Locale.objects.values_list("id", "language_code"))
    paths = {"/sitemap.xml"} | ancestor_paths(pages)
    for language in {languages.get(page.locale_id) for page in pages}:
        with translation.override(language):
            paths.add(reverse("search"))
    return sorted(paths)
