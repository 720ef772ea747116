"""Reminders count working days: a question not forwarded within 5 working days and a forwarded one
without an answer within 10 are listed on the dashboard and mailed to the editors once; weekends do
not count, and questions that moved on are not listed."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from colleagues.models import KnowledgeQuestion
from colleagues.reminders import overdue, send_reminders

pytestmark = pytest.mark.django_db

# A Thursday at noon (Amsterdam); 2026-11-26 is a Thursday.
NOW = datetime.datetime(2026, 11, 26, 12, 0, tzinfo=datetime.UTC)


def ago(days, hours=0):
    return NOW - datetime.timedelta(days=days, hours=hours)


def question(text, status=KnowledgeQuestion.Status.NEW, **fields):
    return KnowledgeQuestion.objects.create(
        text=text, asker_email="vraag@example.nl", status=status, **fields
    )


@pytest.fixture
def editors(settings):
    settings.CONTRIBUTION_NOTIFY_EMAILS = ["redactie@example.nl"]


def test_not_forwarded_counts_working_days_not_weekends(editors):
    # Confirmed last Friday: 4 working days (Mon-Thu) have passed, 6 calendar days.
    friday = question("Bevestigd op vrijdag", confirmed_at=ago(6))
    # Confirmed the Thursday before: 5 working days and a bit.
    thursday = question("Bevestigd vorige week donderdag", confirmed_at=ago(7, 1))
    found = overdue(NOW)
    assert found["not_forwarded"] == [thursday]
    assert friday not in found["not_forwarded"]


def test_forwarded_without_answer_after_10_working_days_is_mailed_once(
    editors, mailoutbox, django_capture_on_commit_callbacks
):
    late = question(
        "Doorgestuurd, twee weken stil",
        KnowledgeQuestion.Status.FORWARDED,
        confirmed_at=ago(20),
        forwarded_at=ago(14, 1),  # 10 working days and an hour
    )
    question(
        "Doorgestuurd, nog binnen de termijn",
        KnowledgeQuestion.Status.FORWARDED,
        confirmed_at=ago(20),
        forwarded_at=ago(13),  # 9 working days
    )
    question(
        "Al beantwoord",
        KnowledgeQuestion.Status.ANSWERED,
        confirmed_at=ago(40),
        forwarded_at=ago(30),
    )
    question("Nooit bevestigd", created_at=ago(30))  # not for the editors at all
    assert overdue(NOW) == {"not_forwarded": [], "not_answered": [late]}

    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(NOW) == 1
    (mail,) = mailoutbox
    assert mail.to == ["redactie@example.nl"]
    assert "na 10 werkdagen niet beantwoord" in mail.body
    assert "Doorgestuurd, twee weken stil" in mail.body
    assert "nog binnen de termijn" not in mail.body

    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(NOW + datetime.timedelta(days=1)) == 0  # once, not every day
    assert len(mailoutbox) == 1
    late.refresh_from_db()
    assert late.answer_reminder_sent_at == NOW


def test_the_command_mails_the_overdue_questions(
    editors, mailoutbox, django_capture_on_commit_callbacks
):
    month_ago = timezone.now() - datetime.timedelta(days=30)
    question("Bevestigd, al lang niet doorgestuurd", confirmed_at=month_ago)
    for _run in range(2):  # the daily cron job, twice: one mail
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_question_reminders", stdout=io.StringIO())
    assert len(mailoutbox) == 1
    assert "Niet doorgestuurd binnen 5 werkdagen" in mailoutbox[0].body
    assert "Bevestigd, al lang niet doorgestuurd" in mailoutbox[0].body
