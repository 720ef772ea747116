"""Registers the submitter's details with the personal-data registry (find, export, erase, retention)."""

from django.utils.translation import gettext_lazy as _

from contributions import conf
from privacy.registry import Retention, register_personal_data


def decided_and_not_yet_erased(queryset):
    from contributions.models import Contribution

    return queryset.exclude(status=Contribution.Status.PENDING).filter(
        personal_data_removed_at__isnull=True
    )


def register():
    from contributions.models import Contribution
    from contributions.privacy import export_contribution

    register_personal_data(
        Contribution,
        fields=["submitter_name", "submitter_email", "ip_hash"],
        subject_email="submitter_email",
        retention=Retention(
            days=lambda: conf.get("CONTRIBUTION_RETENTION_DAYS"),
            after="decided_at",
            applies_to=decided_and_not_yet_erased,
        ),
        label=_("Inzenders van praktijkvoorbeelden"),
        erase=lambda contribution, when: contribution.erase_personal_data(when=when),
        export=export_contribution,
    )
