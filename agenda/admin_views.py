"""The organisers' view in the admin: per activity who is confirmed, waiting or cancelled, marking
attendance by the participant's short code, a CSV export, and a message to all participants.
Only users with the permission "Aanmeldingen voor activiteiten beheren" see it."""

import csv

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Min
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from agenda import jobs, services
from agenda.models import ActivityPage, Registration

PERMISSION = "agenda.manage_registrations"
MAX_SUBJECT = 150
MAX_MESSAGE = 5000


def require_organiser(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def activity_list(request):
    require_organiser(request)
    activities = (
        ActivityPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        .annotate(first=Min("sessions__date"))
        .order_by("-first")
    )
    today = timezone.localdate()
    rows = [(a, jobs.counts(a)) for a in activities]
    return TemplateResponse(
        request,
        "agenda/admin/activity_list.html",
        {"rows": rows, "today": today},
    )


def activity_registrations(request, page_id):
    require_organiser(request)
    activity = get_object_or_404(ActivityPage, pk=page_id)
    if request.GET.get("format") == "csv":
        return csv_export(activity)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "attendance":
            code = request.POST.get("code", "")[:20]
            registration = services.mark_attended(activity, code)
            if registration is None:
                messages.error(
                    request, _("Geen aangemelde deelnemer met code ‘%(code)s’.") % {"code": code}
                )
            else:
                messages.success(
                    request, _("%(name)s is aanwezig gemeld.") % {"name": registration.name}
                )
        elif action == "mail":
            subject = request.POST.get("subject", "").strip()
            message = request.POST.get("message", "").strip()
            if not subject or not message:
                messages.error(request, _("Vul een onderwerp en een bericht in."))
            elif len(subject) > MAX_SUBJECT or len(message) > MAX_MESSAGE:
                messages.error(request, _("Het onderwerp of het bericht is te lang."))
            else:
                count = jobs.mail_participants(activity, subject, message)
                messages.success(
                    request,
                    _("Je bericht gaat naar %(count)d deelnemer(s).") % {"count": count},
                )
        return redirect(request.path)
    registrations = Registration.objects.filter(
        activity_key=activity.translation_key
    ).select_related("municipality", "professional_group")
    Status = Registration.Status
    groups = [
        (_("Aangemeld"), [r for r in registrations if r.status in (Status.CONFIRMED,)]),
        (
            _("Wachtlijst (en aangeboden plekken)"),
            sorted(
                [r for r in registrations if r.status in (Status.WAITING, Status.OFFERED)],
                key=lambda r: r.waiting_since or r.created_at,
            ),
        ),
        (
            _("Afgemeld of verlopen"),
            [r for r in registrations if r.status in (Status.CANCELLED, Status.LAPSED)],
        ),
        (_("Nog niet bevestigd"), [r for r in registrations if r.status == Status.PENDING]),
    ]
    return TemplateResponse(
        request,
        "agenda/admin/activity_registrations.html",
        {
            "activity": activity,
            "groups": groups,
            "counts": jobs.counts(activity),
            "availability": services.availability(activity),
        },
    )


def csv_export(activity):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="aanmeldingen-{activity.slug}.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 with a byte order mark
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Naam"),
            _("E-mailadres"),
            _("Gemeente"),
            _("Organisatie"),
            _("Beroepsgroep"),
            _("Status"),
            _("Code"),
            _("Aanwezig"),
            _("Opmerking"),
            _("Aangemeld op"),
        ]
    )
    for r in Registration.objects.filter(activity_key=activity.translation_key).select_related(
        "municipality", "professional_group"
    ):
        writer.writerow(
            [
                safe_cell(r.name),
                r.email,
                r.municipality.name if r.municipality else "",
                safe_cell(r.organisation),
                r.professional_group.name if r.professional_group else "",
                r.get_status_display(),
                r.attendance_code,
                _("ja") if r.attended_at else "",
                safe_cell(r.remark),
                timezone.localtime(r.created_at).strftime("%d-%m-%Y %H:%M"),
            ]
        )
    return response


def safe_cell(text):
    """Typed text that a spreadsheet would run as a formula starts with a quote instead."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
