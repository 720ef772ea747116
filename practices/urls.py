"""Addresses of the browsing pages; translated per language (Dutch without prefix, English under /en/)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from practices import views

urlpatterns = [
    # Translators: URL path segments; keep the slashes and <slug:slug>.
    path(_("thema/"), views.theme_index, name="theme_index"),
    path(_("thema/<slug:slug>/"), views.theme_detail, name="theme_detail"),
    path(_("beroepsgroep/"), views.professional_group_index, name="professional_group_index"),
    path(
        _("beroepsgroep/<slug:slug>/"),
        views.professional_group_detail,
        name="professional_group_detail",
    ),
    path(_("werkvorm/"), views.learning_form_index, name="learning_form_index"),
    path(_("werkvorm/<slug:slug>/"), views.learning_form_detail, name="learning_form_detail"),
    path(_("gemeente/"), views.municipality_index, name="municipality_index"),
    path(_("gemeente/<slug:slug>/"), views.municipality_detail, name="municipality_detail"),
    path(_("provincie/<slug:slug>/"), views.province_detail, name="province_detail"),
    path(
        _("praktijkvoorbeeld/<int:page_id>/e-mailadres/"),
        views.contact_email,
        name="practice_contact_email",
    ),
]
