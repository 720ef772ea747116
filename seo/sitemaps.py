"""sitemap.xml: every live, public page of the site in both languages, with hreflang alternates.

Wagtail's own sitemap walks only the site's root page, which is the Dutch home page; the English
tree is its translation beside it. Aliases (untranslated copies) are left out: their content is
the Dutch page's, which is listed itself.
"""

from collections import defaultdict

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from seo.urls import absolute


class LocalizedSitemap(Sitemap):
    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_a_tree = Q()
        for root in roots:
            in_a_tree |= Q(path__startswith=root.path)
        return (
            Page.objects.filter(in_a_tree)
            .live()
            .public()
            .filter(alias_of__isnull=True)
            .select_related("locale")
            .order_by("path")
        )

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        # Every language version of each page, for the hreflang alternates.
        versions = defaultdict(list)
        for item in self.items().filter(
            translation_key__in={item.translation_key for item in pages}
        ):
            versions[item.translation_key].append(item)
        urls = []
        for item in pages:
            location = absolute(self.request, item.get_url(self.request))
            if not location:
                continue
            alternates = [
                {
                    "lang_code": version.locale.language_code,
                    "location": absolute(self.request, version.get_url(self.request)),
                }
                for version in versions[item.translation_key]
            ]
            if len(alternates) > 1:
                dutch = next((a for a in alternates if a["lang_code"] == "nl"), None)
                if dutch:
                    alternates.append({"lang_code": "x-default", "location": dutch["location"]})
            else:
                alternates = []
            urls.append(
                {
                    "item": item,
                    "location": location,
                    "lastmod": item.last_published_at or item.latest_revision_created_at,
                    "alternates": alternates,
                }
            )
        lastmods = [url["lastmod"] for url in urls if url["lastmod"]]
        if lastmods:
            self.latest_lastmod = max(lastmods)
        return urls
