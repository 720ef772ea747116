"""Admin and serving hooks: the publisher snippet, and publication files reachable only through their page."""

from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from publications.models import PublicationFile, PublicationPage, Publisher
from publications.reports import DownloadsReportView, page_policy


class PublisherViewSet(SnippetViewSet):
    model = Publisher
    icon = "group"
    menu_label = _("Uitgevers")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "short_name", "website"]
    search_fields = ["name", "short_name"]


register_snippet(PublisherViewSet)


@hooks.register("register_admin_urls")
def register_downloads_report_urls():
    return [
        path(
            "publicaties/downloads/", DownloadsReportView.as_view(), name="publications_downloads"
        ),
        path(
            "publicaties/downloads/resultaten/",
            DownloadsReportView.as_view(results_only=True),
            name="publications_downloads_results",
        ),
    ]


class DownloadsMenuItem(MenuItem):
    def is_shown(self, request):
        return page_policy.user_has_any_permission(request.user, ["add", "change", "publish"])


@hooks.register("register_reports_menu_item")
def register_downloads_menu_item():
    return DownloadsMenuItem(
        _("Downloads van publicaties"),
        reverse("publications_downloads"),
        name="publications-downloads",
        icon_name="download",
        order=1060,
    )


@hooks.register("before_serve_document")
def serve_publication_files_through_their_page(document, request):
    """A publication's file is served at the publication's download address (counted there).

    Wagtail's own /documents/ address would otherwise bypass the counter, and would hand out
    the file of a draft or restricted publication to anyone who guesses its number.
    """
    page_ids = PublicationFile.objects.filter(document=document).values("page_id")
    if not page_ids:
        return None
    public = PublicationPage.objects.live().public().filter(id__in=page_ids).first()
    if public is not None:
        return redirect(public.download_url(document.pk))
    if request.user.is_authenticated and request.user.has_perm("wagtailadmin.access_admin"):
        return None  # editors preview the files of publications they are working on
    raise Http404("Dit bestand is (nog) niet gepubliceerd.")
