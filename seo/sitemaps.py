"""sitemap.xml: every live, public page of the site in both languages, with hreflang alternates,
and the browsing pages (themes, groups, learning forms, municipalities, provinces) that list cases.

Wagtail's own sitemap walks only the site's root page, which is the Dutch home page; the English
tree is its translation beside it. Aliases (untranslated copies) are left out: their content is
the Dutch page's, which is listed itself.
"""

from collections import defaultdict

from django.apps import apps
from django.conf import settings
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import translation
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


# The browsing pages of practices/urls.py: (route name, term model, the term seen from a practice).
TERM_ROUTES = (
    ("theme_detail", "Theme", "practice_themes__theme"),
    (
        "professional_group_detail",
        "ProfessionalGroup",
        "practice_professional_groups__professional_group",
    ),
    ("learning_form_detail", "LearningForm", "practice_learning_forms__learning_form"),
)


class BrowsingSitemap(Sitemap):
    """Theme, professional group, learning form, municipality and province pages with cases."""

    def items(self):
        from practices.models import Municipality, PracticePage, Province

        live = PracticePage.objects.live().public()
        entries = []
        for route, model_name, lookup in TERM_ROUTES:
            model = apps.get_model("practices", model_name)
            used = live.values_list(f"{lookup}__translation_key", flat=True)
            terms = model.objects.filter(translation_key__in=used).select_related("locale")
            entries += [
                (route, term.slug, term.locale.language_code, f"{route}:{term.translation_key}")
                for term in terms
            ]
        places = Municipality.objects.filter(pk__in=live.values("municipality_id"), is_current=True)
        provinces = Province.objects.filter(municipalities__in=places).distinct()
        for route, objects in (("municipality_detail", places), ("province_detail", provinces)):
            for place in objects:
                for language, _name in settings.LANGUAGES:
                    entries.append((route, place.slug, language, f"{route}:{place.slug}"))
        return sorted(entries)

    def _urls(self, page, protocol, domain):
        entries = list(self.paginator.page(page).object_list)
        locations = {}
        for route, slug, language, group in self.items():
            try:
                with translation.override(language):
                    path = reverse(route, kwargs={"slug": slug})
            except NoReverseMatch:
                continue
            locations.setdefault(group, []).append((language, absolute(self.request, path)))
        urls = []
        for _route, slug, language, group in entries:
            versions = dict(locations.get(group, []))
            if language not in versions:
                continue
            alternates = []
            if len(versions) > 1:
                alternates = [
                    {"lang_code": code, "location": url} for code, url in versions.items()
                ]
                if "nl" in versions:
                    alternates.append({"lang_code": "x-default", "location": versions["nl"]})
            urls.append({"item": slug, "location": versions[language], "alternates": alternates})
        return urls
