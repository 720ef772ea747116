"""Registers the registrations with the personal-data registry (find, export, erase, retention).

All of a registration is about one person; erasing one deletes it and keeps only the anonymous
counts of its activity (agenda.jobs.erase_registrations)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from privacy.registry import Retention, register_not_personal, register_personal_data


def activity_ended_long_ago(queryset):
    from agenda.jobs import ended_activity_keys, retention_days

    cutoff = timezone.localdate() - timezone.timedelta(days=retention_days())
    return queryset.filter(activity_key__in=ended_activity_keys(cutoff))


def erase(registration, when):
    from agenda.jobs import erase_registrations
    from agenda.models import Registration

    erase_registrations(Registration.objects.filter(pk=registration.pk), when)


def export(registration):
    return {
        "id": registration.pk,
        "activiteit": registration.activity.title,
        "status": registration.get_status_display(),
        "name": registration.name,
        "email": registration.email,
        "municipality": registration.municipality.name if registration.municipality else "",
        "organisation": registration.organisation,
        "professional_group": (
            registration.professional_group.name if registration.professional_group else ""
        ),
        "remark": registration.remark,
        "language": registration.language,
        "created_at": registration.created_at.isoformat(),
        "attended": registration.attended_at is not None,
    }


def register():
    from agenda.jobs import retention_days
    from agenda.models import ActivityPage, Registration

    register_not_personal(ActivityPage, ["address"])  # where the activity takes place
    register_personal_data(
        Registration,
        fields=[
            "name",
            "email",
            "municipality",
            "organisation",
            "professional_group",
            "remark",
            "attendance_code",
            "email_confirmed_at",
        ],
        subject_email="email",
        # Registered after `created_at` (at least that old), narrowed to activities that ended
        # the retention period ago: the same rule as `manage.py purge_agenda_registrations`.
        retention=Retention(
            days=retention_days, after="created_at", applies_to=activity_ended_long_ago
        ),
        label=_("Aanmeldingen voor activiteiten"),
        erase=erase,
        export=export,
    )
