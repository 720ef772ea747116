"""Receivers: an answer page going live answers its questions and tells the askers."""

from django.dispatch import receiver
from wagtail.signals import page_published

from colleagues.models import ColleaguePage, QuestionAnswerPage


@receiver(page_published, sender=QuestionAnswerPage, dispatch_uid="colleagues_answer_published")
def on_answer_published(sender, instance, **kwargs):
    from colleagues.questions import answer_published

    answer_published(instance)


@receiver(page_published, sender=ColleaguePage, dispatch_uid="colleagues_profile_consent")
def unpublish_without_consent(sender, instance, **kwargs):
    """Whatever path published it (a workflow approval, a schedule, code), a profile without
    consent goes offline again at once."""
    current = ColleaguePage.objects.get(pk=instance.pk)
    if not current.has_consent and current.live:
        current.unpublish(log_action=True)
