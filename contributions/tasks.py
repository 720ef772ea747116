"""Periodic contribution housekeeping for the background worker; cron can run the commands instead."""

from django_tasks import task

from contributions.notifications import notify_editors
from contributions.privacy import purge_expired


@task()
def purge_contribution_personal_data():
    """Erase submitter details of cases decided longer ago than CONTRIBUTION_RETENTION_DAYS."""
    return purge_expired()


@task()
def send_contribution_digest():
    """Mail the editors about contributions the notification throttle held back."""
    return notify_editors()
