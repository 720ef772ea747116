"""Keeps a contribution's status in step with its page, and Wagtail's per-submission mails quiet for it."""

from django.db.models.signals import pre_delete
from django.utils import timezone
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.signals import page_published, task_submitted, workflow_rejected, workflow_submitted

from contributions.models import Contribution
from contributions.services import publish_attachments, quiet_workflow_mail

# Wagtail's own notifiers, by the dispatch_uid wagtail.admin.signal_handlers registers them under.
WAGTAIL_SUBMISSION_NOTIFIERS = (
    (task_submitted, TaskState, "group_approval_task_submitted_email_notification"),
    (workflow_submitted, WorkflowState, "workflow_state_submitted_email_notification"),
)


def on_page_published(sender, instance, **kwargs):
    open_cases = Contribution.objects.filter(page_id=instance.pk).exclude(
        status=Contribution.Status.PUBLISHED
    )
    if open_cases.exists():
        open_cases.update(status=Contribution.Status.PUBLISHED, decided_at=timezone.now())
        publish_attachments(instance)


def on_workflow_rejected(sender, instance, **kwargs):
    if instance.base_content_type.model_class() is not Page:
        return
    Contribution.objects.filter(
        page_id=int(instance.object_id), status=Contribution.Status.PENDING
    ).update(status=Contribution.Status.REJECTED, decided_at=timezone.now())


def on_page_deleted(sender, instance, **kwargs):
    # An editor deleting a contributed draft has decided against it: the retention clock starts.
    Contribution.objects.filter(page_id=instance.pk, status=Contribution.Status.PENDING).update(
        status=Contribution.Status.REJECTED, decided_at=timezone.now()
    )


def quiet_while_contributing(notifier):
    """Wrap a Wagtail notifier so it stays silent for public contributions (they get a digest)."""

    def receiver(sender, instance=None, **kwargs):
        if quiet_workflow_mail.get():
            return False
        return notifier(instance=instance, **kwargs)

    return receiver


def connect():
    page_published.connect(on_page_published, dispatch_uid="contributions_page_published")
    workflow_rejected.connect(
        on_workflow_rejected, sender=WorkflowState, dispatch_uid="contributions_rejected"
    )
    pre_delete.connect(on_page_deleted, sender=Page, dispatch_uid="contributions_page_deleted")

    from wagtail.admin import signal_handlers as wagtail_handlers

    notifiers = {
        "group_approval_task_submitted_email_notification": (
            wagtail_handlers.task_submission_email_notifier
        ),
        "workflow_state_submitted_email_notification": (
            wagtail_handlers.workflow_submission_email_notifier
        ),
    }
    for signal, sender, uid in WAGTAIL_SUBMISSION_NOTIFIERS:
        # Same dispatch_uid: whichever app is ready first, only the wrapped receiver stays connected.
        signal.disconnect(sender=sender, dispatch_uid=uid)
        signal.connect(
            quiet_while_contributing(notifiers[uid]), sender=sender, dispatch_uid=uid, weak=False
        )
