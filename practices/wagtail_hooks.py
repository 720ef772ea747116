"""Admin wiring for practices: the taxonomy menu, the "Toe aan een update" report and dashboard panel."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from practices.models import Municipality
from practices.reports import ReviewDuePanel, ReviewDueView, page_policy
from practices.viewsets import ReferenceDataPermissionPolicy, TaxonomyViewSetGroup

register_permission_policy(Municipality, ReferenceDataPermissionPolicy(Municipality))
register_snippet(TaxonomyViewSetGroup)


@hooks.register("register_admin_urls")
def register_review_due_urls():
    return [
        path(
            "praktijkvoorbeelden/toe-aan-een-update/",
            ReviewDueView.as_view(),
            name="practices_review_due",
        ),
        path(
            "praktijkvoorbeelden/toe-aan-een-update/resultaten/",
            ReviewDueView.as_view(results_only=True),
            name="practices_review_due_results",
        ),
    ]


class ReviewDueMenuItem(MenuItem):
    def is_shown(self, request):
        return page_policy.user_has_any_permission(request.user, ["add", "change", "publish"])


@hooks.register("register_reports_menu_item")
def register_review_due_menu_item():
    return ReviewDueMenuItem(
        _("Toe aan een update"),
        reverse("practices_review_due"),
        name="practices-review-due",
        icon_name="time",
        order=1050,
    )


@hooks.register("construct_homepage_panels")
def add_review_due_panel(request, panels):
    if page_policy.user_has_any_permission(request.user, ["add", "change", "publish"]):
        panels.append(ReviewDuePanel())
