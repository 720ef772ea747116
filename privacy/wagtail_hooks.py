"""The "Persoonsgegevens" tool in the admin's settings menu, and its permission in the group editor."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from privacy.views import may_manage, personal_data_view


class PersonalDataMenuItem(MenuItem):
    def is_shown(self, request):
        return may_manage(request.user)


@hooks.register("register_admin_urls")
def register_personal_data_url():
    return [path("persoonsgegevens/", personal_data_view, name="privacy_personal_data")]


@hooks.register("register_settings_menu_item")
def register_personal_data_menu_item():
    return PersonalDataMenuItem(
        _("Persoonsgegevens"), reverse("privacy_personal_data"), icon_name="user", order=900
    )


@hooks.register("register_permissions")
def register_personal_data_permission():
    return Permission.objects.filter(
        content_type__app_label="privacy", codename="manage_personal_data"
    )
