"""Editors' side: the contributions listing, a dashboard panel, and JSON export / erasure on request."""

import json

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from contributions.models import Contribution
from contributions.moderation import (
    ContributionModerationView,
    EditRedirectView,
    reject_view,
    workflow_label,
)
from contributions.privacy import export_contribution


class ContributionPermissionPolicy(ModelPermissionPolicy):
    """Contributions only come in through the public form; nobody adds them in the admin."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Contribution, ContributionPermissionPolicy(Contribution))


class ContributionIndexView(generic.IndexView):
    def get_edit_url(self, instance):
        # The title opens the moderation view: the record has no edit form of its own.
        return reverse("contribution:inspect", args=[instance.pk])

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.page_id:
            buttons.insert(
                0,
                MenuItem(
                    _("Conceptpagina bekijken"),
                    url=reverse("wagtailadmin_pages:edit", args=[instance.page_id]),
                    icon_name="doc-empty-inverse",
                    priority=5,
                ),
            )
        buttons.append(
            MenuItem(
                _("Gegevens inzender exporteren (JSON)"),
                url=reverse("contribution:export", args=[instance.pk]),
                icon_name="download",
                priority=40,
            )
        )
        if not instance.personal_data_removed_at:
            buttons.append(
                MenuItem(
                    _("Gegevens inzender wissen"),
                    url=reverse("contribution:erase", args=[instance.pk]),
                    icon_name="bin",
                    priority=45,
                )
            )
        return buttons


def _require_change(request):
    if not ContributionPermissionPolicy(Contribution).user_has_permission(request.user, "change"):
        raise PermissionDenied


def export_view(request, pk):
    """The submitter's data as a JSON download, for an access request (AVG art. 15)."""
    _require_change(request)
    contribution = get_object_or_404(Contribution, pk=pk)
    body = json.dumps(export_contribution(contribution), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="inzending-{contribution.pk}.json"'
    return response


def erase_view(request, pk):
    """Erase the submitter's details on request (AVG art. 17): confirm first, then POST."""
    _require_change(request)
    contribution = get_object_or_404(Contribution, pk=pk)
    if request.method == "POST":
        contribution.erase_personal_data()
        messages.success(request, _("De gegevens van de inzender zijn gewist."))
        return redirect("contribution:index")
    return TemplateResponse(
        request,
        "contributions/admin/confirm_erase.html",
        {"contribution": contribution, "header_icon": "bin"},
    )


class ContributionViewSet(ModelViewSet):
    model = Contribution
    icon = "mail"
    menu_label = _("Inzendingen")
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = ContributionModerationView
    index_view_class = ContributionIndexView
    list_filter = ["status", "language"]
    search_fields = ["title"]
    list_display = [
        "title",
        Column("status", label=_("stand van zaken"), accessor=workflow_label),
        "language",
        DateColumn("created_at", label=_("ingezonden op")),
        DateColumn("decided_at", label=_("besloten op")),
    ]

    def get_queryset(self, request):
        return Contribution.objects.select_related("page")

    # No add or edit form: contributions come in through the public form, and their state follows
    # the draft page's workflow (a hand-set "gepubliceerd" would publish nothing).
    @property
    def add_view(self):
        return RedirectView.as_view(pattern_name="contribution:index")

    @property
    def edit_view(self):
        return EditRedirectView.as_view()

    def get_urlpatterns(self):
        policy = ContributionPermissionPolicy(Contribution)
        return super().get_urlpatterns() + [
            path("export/<int:pk>/", export_view, name="export"),
            path("erase/<int:pk>/", erase_view, name="erase"),
            path("reject/<int:pk>/", reject_view, {"policy": policy}, name="reject"),
        ]


@hooks.register("register_admin_viewset")
def register_contribution_viewset():
    return ContributionViewSet("contribution")


class NewContributionsPanel(Component):
    """On the editors' dashboard: what colleagues sent in and still waits for a decision."""

    name = "new_contributions"
    order = 90
    template_name = "contributions/admin/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        pending = Contribution.objects.pending().select_related("page")
        return {
            "pending": pending[:10],
            "pending_count": pending.count(),
            "listing_url": reverse("contribution:index"),
        }

    def render_html(self, parent_context=None):
        if not ContributionPermissionPolicy(Contribution).user_has_any_permission(
            self.request.user, ["change", "view"]
        ):
            return ""
        return super().render_html(parent_context)


@hooks.register("construct_homepage_panels")
def add_new_contributions_panel(request, panels):
    panels.append(NewContributionsPanel(request))
