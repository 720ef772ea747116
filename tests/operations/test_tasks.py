"""Background tasks: the database queue keeps them until `manage.py db_worker` runs them."""

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus

from operations.tasks import clear_expired_sessions


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}


@pytest.mark.django_db(transaction=True)
def test_queued_task_waits_for_the_worker_and_then_runs(database_queue):
    Session.objects.create(
        session_key="verlopen", session_data="", expire_date=timezone.now() - timezone.timedelta(1)
    )
    result = clear_expired_sessions.enqueue()
    assert result.status == TaskResultStatus.READY
    assert Session.objects.filter(session_key="verlopen").exists()  # nothing ran in the request

    call_command("db_worker", batch=True, no_startup_delay=True, queue_name="*", verbosity=0)

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 1
    assert not Session.objects.filter(session_key="verlopen").exists()


@pytest.mark.django_db
def test_tests_and_development_run_tasks_immediately():
    result = clear_expired_sessions.enqueue()
    assert result.status == TaskResultStatus.SUCCESSFUL
