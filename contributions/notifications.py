"""E-mails about contributions: a confirmation for the submitter, and a throttled digest for the editors."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from contributions import conf
from contributions.models import Contribution

logger = logging.getLogger(__name__)


def admin_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def editor_recipients():
    """CONTRIBUTION_NOTIFY_EMAILS when set, else the active users of the editors' group(s)."""
    configured = list(conf.get("CONTRIBUTION_NOTIFY_EMAILS"))
    if configured:
        return configured
    users = get_user_model().objects.filter(
        is_active=True, groups__name__in=conf.get("CONTRIBUTION_EDITOR_GROUPS")
    )
    emails = sorted({u.email for u in users if u.email})
    if not emails:
        # Nobody in the editors' group yet: the site's administrators hear about it instead.
        admins = get_user_model().objects.filter(is_active=True, is_superuser=True)
        emails = sorted({u.email for u in admins if u.email})
    return emails


def mail_submitter(contribution, template, **context):
    """Mail the submitter `template` (and `template`_subject.txt) in the language they used;
    False when they left no address (or it was erased) or the mail failed."""
    if not contribution.submitter_email:
        return False
    with translation.override(contribution.language):
        context = {
            "contribution": contribution,
            "site_name": settings.WAGTAIL_SITE_NAME,
            **context,
        }
        subject = render_to_string(f"contributions/emails/{template}_subject.txt", context)
        body = render_to_string(f"contributions/emails/{template}.txt", context)
    try:
        send_mail(
            " ".join(subject.split()),
            body,
            settings.DEFAULT_FROM_EMAIL,
            [contribution.submitter_email],
        )
    except Exception:
        logger.exception("The %s e-mail for contribution %s failed", template, contribution.pk)
        return False
    return True


def send_confirmation(contribution):
    """Tell the submitter what happens next, in the language they used."""
    return mail_submitter(
        contribution, "confirmation", retention_days=conf.get("CONTRIBUTION_RETENTION_DAYS")
    )


def notify_editors(*, now=None, force=False):
    """Mail the editors about contributions they have not heard of, at most once per interval.

    Returns how many contributions the mail covered (0 when nothing was sent).
    """
    now = now or timezone.now()
    waiting = list(
        Contribution.objects.filter(editors_notified_at__isnull=True, page__isnull=False)
        .select_related("page")
        .order_by("created_at")
    )
    if not waiting:
        return 0
    interval = timezone.timedelta(minutes=conf.get("CONTRIBUTION_NOTIFY_INTERVAL_MINUTES"))
    last = Contribution.objects.aggregate(last=Max("editors_notified_at"))["last"]
    if not force and last and now - last < interval:
        return 0  # the next mail (or the periodic digest) will include these
    recipients = editor_recipients()
    if not recipients:
        logger.warning("No editor e-mail addresses for %d new contribution(s)", len(waiting))
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "contributions": [
                (c, admin_url(reverse("wagtailadmin_pages:edit", args=[c.page_id])))
                for c in waiting
            ],
            "listing_url": admin_url(reverse("contribution:index")),
            "pending_count": Contribution.objects.pending().count(),
        }
        subject = render_to_string("contributions/emails/editors_subject.txt", context)
        body = render_to_string("contributions/emails/editors.txt", context)
    try:
        send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, recipients)
    except Exception:
        logger.exception("Editor notification for %d contribution(s) failed", len(waiting))
        return 0
    Contribution.objects.filter(pk__in=[c.pk for c in waiting]).update(editors_notified_at=now)
    return len(waiting)
