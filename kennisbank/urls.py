"""URL routes: admin and machine endpoints without a language prefix; pages under i18n_patterns
(Dutch without a prefix, English under /en/)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.static import serve as static_serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from practices import feeds as practice_feeds
from search import views as search_views
from seo import views as seo_views

urlpatterns = [
    path("", include("operations.urls")),  # /healthz, /readyz, /.well-known/security.txt
    path("admin/", include(wagtailadmin_urls)),
    path("robots.txt", seo_views.robots_txt, name="robots_txt"),
    path("favicon.ico", home_views.favicon, name="favicon"),
    path("sitemap.xml", seo_views.sitemap, name="sitemap"),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v1/", include("search.urls")),  # search API; language via ?lang= or Accept-Language
    # Counts an opened search result (the editors' "Zoekvragen" report); one address for both languages.
    path("zoeken/geopend/", search_views.result_opened, name="search_result_opened"),
]

urlpatterns += i18n_patterns(
    # Translators: the URL of the search page; keep the trailing slash.
    path(_("zoeken/"), search_views.search_page, name="search"),
    path("feed/<str:kind>/", practice_feeds.practice_feed, name="practice_feed"),  # rss, atom
    path(
        "", include("practices.urls")
    ),  # themes, municipalities, groups: before Wagtail's catch-all
    path("", include("colleagues.urls")),  # signed links, propose yourself, in-company requests
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.SERVE_MEDIA_FILES:
    # `make run` serves uploaded images itself; in production the proxy or object storage does.
    # Documents are never served from here: they go through Wagtail's and the publications'
    # views, which check that the page they belong to is public.
    urlpatterns = [
        re_path(
            r"^media/(?P<path>(?!documents/).*)$",
            static_serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ] + urlpatterns

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
