"""The editors' report "Toe aan een update": practices whose review date has passed."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component
from wagtail.admin.views.reports import PageReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from practices.models import PracticePage

page_policy = PagePermissionPolicy()


def practices_due_for_review(user):
    """Practices the user may edit whose review date lies in the past, the longest overdue first."""
    editable = page_policy.instances_user_has_permission_for(user, "change")
    return (
        PracticePage.objects.filter(
            review_date__lt=timezone.localdate(), pk__in=editable.values("pk")
        )
        .select_related("municipality", "locale")
        .order_by("review_date", "title")
    )


class ReviewDueView(PageReportView):
    page_title = _("Toe aan een update")
    header_icon = "time"
    results_template_name = "practices/admin/review_due_results.html"
    index_url_name = "practices_review_due"
    index_results_url_name = "practices_review_due_results"
    permission_policy = page_policy
    any_permission_required = ["add", "change", "publish"]
    model = PracticePage
    list_export = ["title", "review_date", "municipality", "status_string"]
    export_headings = {
        "title": _("Titel"),
        "review_date": _("Herzien vóór"),
        "municipality": _("Gemeente"),
        "status_string": _("Status"),
    }

    def get_filename(self):
        return "toe-aan-een-update"

    def get_queryset(self):
        return practices_due_for_review(self.request.user)


class ReviewDuePanel(Component):
    """Dashboard panel: how many practices are due for an update, and the first few."""

    name = "practices_review_due"
    template_name = "practices/admin/review_due_panel.html"
    order = 150
    shown = 5

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        pages = practices_due_for_review(parent_context["request"].user)
        context["due_count"] = pages.count()
        context["due_pages"] = list(pages[: self.shown])
        return context
