"""The addresses, besides a profile's or answer's own, that show it: its parents (the colleagues
overview, the intake), the search page and the sitemap; a frontend cache drops them on a change
(registered with `caching.frontend` in ColleaguesConfig.ready)."""

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
