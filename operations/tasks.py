"""Housekeeping tasks run by the background worker (`manage.py db_worker`)."""

from django.contrib.sessions.models import Session
from django.utils import timezone
from django_tasks import task


@task()
def clear_expired_sessions():
    """Removes sessions that have expired; returns how many."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
