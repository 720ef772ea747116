"""After an activity is published: notices to participants and the waiting list moving up."""

from django.dispatch import receiver
from wagtail.signals import page_published

from agenda.models import ActivityPage


@receiver(page_published, sender=ActivityPage, dispatch_uid="agenda_activity_published")
def activity_published(sender, instance, **kwargs):
    from agenda.jobs import announce_changes

    announce_changes(instance)
