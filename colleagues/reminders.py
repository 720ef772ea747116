"""Reminders: questions not forwarded within 5 working days, and forwarded ones without an answer
within 10, listed on the editors' dashboard and mailed once (`manage.py send_question_reminders`)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from colleagues.mail import editor_addresses, mail
from colleagues.models import KnowledgeQuestion

FORWARD_WITHIN = 5  # working days
ANSWER_WITHIN = 10


def working_days_before(moment, days):
    """The moment `days` working days (Monday to Friday) before `moment`."""
    day = moment
    while days:
        day -= datetime.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def overdue(now=None):
    now = now or timezone.now()
    confirmed = KnowledgeQuestion.objects.filter(confirmed_at__isnull=False)
    return {
        "not_forwarded": list(
            confirmed.filter(
                status=KnowledgeQuestion.Status.NEW,
                confirmed_at__lt=working_days_before(now, FORWARD_WITHIN),
            ).order_by("confirmed_at")
        ),
        "not_answered": list(
            confirmed.filter(
                status=KnowledgeQuestion.Status.FORWARDED,
                forwarded_at__lt=working_days_before(now, ANSWER_WITHIN),
                answer_page__isnull=True,
            ).order_by("forwarded_at")
        ),
    }


def send_reminders(now=None):
    """Mail the editors once about each overdue question; returns how many were in the mail."""
    now = now or timezone.now()
    found = overdue(now)
    new_forward = [q for q in found["not_forwarded"] if q.forward_reminder_sent_at is None]
    new_answer = [q for q in found["not_answered"] if q.answer_reminder_sent_at is None]
    if not new_forward and not new_answer:
        return 0
    lines = []
    if new_forward:
        lines.append(_("Niet doorgestuurd binnen %(days)d werkdagen:") % {"days": FORWARD_WITHIN})
        lines += [f"- {q}" for q in new_forward]
    if new_answer:
        lines.append(
            _("Doorgestuurd maar na %(days)d werkdagen niet beantwoord:") % {"days": ANSWER_WITHIN}
        )
        lines += [f"- {q}" for q in new_answer]
    mail(editor_addresses(), _("Kennisvragen die op je wachten"), ["\n".join(lines)])
    KnowledgeQuestion.objects.filter(pk__in=[q.pk for q in new_forward]).update(
        forward_reminder_sent_at=now
    )
    KnowledgeQuestion.objects.filter(pk__in=[q.pk for q in new_answer]).update(
        answer_reminder_sent_at=now
    )
    return len(new_forward) + len(new_answer)
