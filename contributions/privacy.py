"""The submitter's rights (AVG): what we hold about them as JSON, erasing it, and the automatic purge."""

from django.utils import timezone

from contributions import conf
from contributions.models import Contribution
from privacy.registry import get_registration


def _iso(value):
    return value.isoformat() if value else None


def export_contribution(contribution):
    """Everything personal we keep about one submission, as a JSON-ready dict."""
    page = contribution.page
    return {
        "contribution": contribution.pk,
        "title": contribution.title,
        "status": contribution.status,
        "language": contribution.language,
        "submitter": {
            "name": contribution.submitter_name,
            "email": contribution.submitter_email,
        },
        "consent": {
            "given_at": _iso(contribution.consent_given_at),
            "statement_version": contribution.consent_version,
        },
        "submitted_at": _iso(contribution.created_at),
        "decided_at": _iso(contribution.decided_at),
        "personal_data_removed_at": _iso(contribution.personal_data_removed_at),
        "retention_days_after_decision": conf.get("CONTRIBUTION_RETENTION_DAYS"),
        "page": None
        if page is None
        else {
            "id": page.pk,
            "title": page.title,
            "live": page.live,
            "contact_for_publication": {
                "name": page.contact_name,
                "role": page.contact_role,
                "email": page.contact_email,
            },
        },
    }


def purge_expired(now=None):
    """Erase submitter details of cases decided more than the retention period ago; return how many."""
    now = now or timezone.now()
    retention = get_registration(Contribution).retention
    expired = list(retention.due(Contribution.objects.all(), now=now))
    for contribution in expired:
        contribution.erase_personal_data(when=now)
    return len(expired)
