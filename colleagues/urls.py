"""Addresses of the signed links and the forms outside a page; translated per language."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from colleagues import views

urlpatterns = [
    # Translators: URL path segments; keep the slashes and <…> parts.
    path(_("collega/aanmelden/"), views.propose_view, name="colleague_propose"),
    path(_("collega/toestemming/<str:token>/"), views.consent_view, name="colleague_consent"),
    path(_("collega/<int:page_id>/incompany/"), views.in_company_view, name="colleague_in_company"),
    path(_("incompany/<str:token>/"), views.in_company_status_view, name="in_company_status"),
    path(_("kennisvraag/bevestigen/<str:token>/"), views.confirm_view, name="question_confirm"),
    path(
        _("kennisvraag/beantwoorden/<str:token>/"),
        views.answer_view,
        name="question_answer_link",
    ),
]
