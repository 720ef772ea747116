"""robots.txt and sitemap.xml, served without a language prefix."""

from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from seo.sitemaps import BrowsingSitemap, LocalizedSitemap
from seo.urls import absolute


def search_paths():
    """The search page in every language: endless filter combinations that crawlers should skip."""
    from django.conf import settings

    paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths.append(reverse("search"))
    return paths


@require_GET
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/"]
    lines += [f"Disallow: {path}" for path in search_paths()]
    lines += ["", f"Sitemap: {absolute(request, reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
def sitemap(request):
    return wagtail_sitemap(
        request, sitemaps={"pages": LocalizedSitemap, "browsing": BrowsingSitemap}
    )
