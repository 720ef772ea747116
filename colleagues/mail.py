"""E-mails of the colleagues app, sent by a task after the transaction commits (never half-done
work announced), in the language the person used."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def send_message_task(subject, body, recipients, reply_to=None):
    from django.core.mail import EmailMessage

    if reply_to:
        EmailMessage(
            subject, body, settings.DEFAULT_FROM_EMAIL, recipients, reply_to=[reply_to]
        ).send()
    else:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


def mail(
    recipients, subject, paragraphs, *, link=None, link_label="", language="nl", reply_to=None
):
    """Send one plain-text e-mail after commit: a subject, paragraphs and an optional link."""
    recipients = [r for r in recipients if r]
    if not recipients:
        return False
    with translation.override(language):
        body = render_to_string(
            "colleagues/emails/message.txt",
            {
                "paragraphs": [str(p) for p in paragraphs],
                "link": link,
                "link_label": str(link_label),
                "site_name": settings.WAGTAIL_SITE_NAME,
            },
        )
        subject = " ".join(str(subject).split())

    def send():
        try:
            send_message_task.enqueue(subject, body, recipients, reply_to)
        except Exception:
            logger.exception("E-mail %r could not be queued", subject)

    transaction.on_commit(send)
    return True


def editor_addresses():
    from contributions.notifications import editor_recipients

    return editor_recipients()
