"""The organisers' menu item and views in the admin, and their permission in the group editor."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from agenda import admin_views


@hooks.register("register_admin_urls")
def register_agenda_admin_urls():
    return [
        path("agenda/aanmeldingen/", admin_views.activity_list, name="agenda_registrations"),
        path(
            "agenda/aanmeldingen/<int:page_id>/",
            admin_views.activity_registrations,
            name="agenda_activity_registrations",
        ),
    ]


class OrganiserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def register_agenda_menu_item():
    return OrganiserMenuItem(
        _("Aanmeldingen"), reverse("agenda_registrations"), icon_name="date", order=260
    )


@hooks.register("register_permissions")
def register_agenda_permissions():
    return Permission.objects.filter(
        content_type__app_label="agenda", codename="manage_registrations"
    )
