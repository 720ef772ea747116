"""The editors' "Persoonsgegevens" tool: find, export (AVG art. 15) and erase (art. 17) by e-mail address.

The address is sent in POST bodies only, so it never lands in a URL, browser history or access log."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin import messages

from privacy import services
from privacy.forms import SubjectForm
from privacy.models import PersonalDataLogEntry

PERMISSION = "privacy.manage_personal_data"


def may_manage(user):
    return user.is_active and user.has_perm(PERMISSION)


def export_response(email, user):
    body = services.export_json(email, user)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="persoonsgegevens.json"'
    response["Cache-Control"] = "no-store"
    return response


def personal_data_view(request):
    if not may_manage(request.user):
        raise PermissionDenied
    form = SubjectForm(request.POST if request.method == "POST" else None)
    found = None
    if form.is_valid():
        email = form.cleaned_data["email"]
        action = request.POST.get("action", "find")
        if action == "export":
            return export_response(email, request.user)
        if action == "erase":
            if form.cleaned_data["confirm_erase"]:
                entry = services.erase(email, request.user)
                messages.success(
                    request,
                    ngettext(
                        "%(count)s gegeven gewist of geanonimiseerd.",
                        "%(count)s gegevens gewist of geanonimiseerd.",
                        entry.total,
                    )
                    % {"count": entry.total},
                )
            else:
                form.add_error(
                    "confirm_erase", _("Vink aan dat je alle gevonden gegevens wilt wissen.")
                )
        found = services.find(email)
    response = TemplateResponse(
        request,
        "privacy/admin/personal_data.html",
        {
            "form": form,
            "found": found,
            "log": PersonalDataLogEntry.objects.select_related("performed_by")[:10],
            "header_icon": "user",
        },
    )
    response["Cache-Control"] = "no-store"
    return response
