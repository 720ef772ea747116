"""The editors' report "Downloads van publicaties": how often each publication file was downloaded."""

from django.db.models import IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import ReportView
from wagtail.documents import get_document_model
from wagtail.permission_policies.pages import PagePermissionPolicy

from publications.models import DownloadCount, PublicationFile

page_policy = PagePermissionPolicy()


def downloaded_documents():
    """The documents of publications with their download count, most downloaded first."""
    counts = DownloadCount.objects.filter(document=OuterRef("pk")).values("count")
    return (
        get_document_model()
        .objects.filter(pk__in=PublicationFile.objects.values("document_id"))
        .annotate(downloads=Coalesce(Subquery(counts), Value(0), output_field=IntegerField()))
        .order_by("-downloads", "title")
    )


class DownloadsReportView(ReportView):
    page_title = _("Downloads van publicaties")
    header_icon = "download"
    results_template_name = "publications/admin/downloads_results.html"
    index_url_name = "publications_downloads"
    index_results_url_name = "publications_downloads_results"
    permission_policy = page_policy
    any_permission_required = ["add", "change", "publish"]
    list_export = ["title", "downloads"]
    export_headings = {"title": _("Bestand"), "downloads": _("Downloads")}

    def get_filename(self):
        return "downloads-publicaties"

    def get_queryset(self):
        return downloaded_documents()

    def decorate_paginated_queryset(self, object_list):
        documents = list(object_list)
        links = PublicationFile.objects.filter(
            document_id__in=[d.pk for d in documents], page__locale__language_code="nl"
        ).select_related("page")
        pages = {}
        for link in links:
            pages.setdefault(link.document_id, []).append(link.page)
        for document in documents:
            document.publications = pages.get(document.pk, [])
        return documents
