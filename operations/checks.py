"""Deployment checks (`manage.py check --deploy`) for what only operations can get right."""

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.utils import timezone


@register(Tags.security, deploy=True)
def check_security_txt(app_configs, **kwargs):
    problems = []
    if not settings.SECURITY_TXT_CONTACTS:
        problems.append(
            Warning(
                "security.txt has no contact.",
                hint="Set SECURITY_TXT_CONTACT, e.g. mailto:security@example.nl.",
                id="operations.W001",
            )
        )
    expires = settings.SECURITY_TXT_EXPIRES
    if expires is None or expires <= timezone.now():
        problems.append(
            Warning(
                "security.txt has no expiry date in the future.",
                hint="Set SECURITY_TXT_EXPIRES to an ISO 8601 date less than a year ahead.",
                id="operations.W002",
            )
        )
    return problems


@register(Tags.caches, deploy=True)
def check_task_backend(app_configs, **kwargs):
    backend = settings.TASKS["default"]["BACKEND"]
    if backend.endswith("ImmediateBackend") or backend.endswith("DummyBackend"):
        return [
            Warning(
                "Background tasks run inside web requests.",
                hint="Set TASKS_BACKEND=database and run `manage.py db_worker`.",
                id="operations.W003",
            )
        ]
    return []
