"""The contribution form's limits and retention period, read from Django settings with safe defaults."""

from dataclasses import dataclass

from django.conf import settings

# Bumped whenever the wording of the consent statement changes, so we know what each submitter agreed to.
CONSENT_VERSION = "2026-11-1"

DEFAULTS = {
    "CONTRIBUTION_RETENTION_DAYS": 90,
    "CONTRIBUTION_RATE_LIMIT": 5,
    "CONTRIBUTION_RATE_WINDOW_SECONDS": 3600,
    "CONTRIBUTION_MAX_PENDING": 50,
    "CONTRIBUTION_MAX_FILES": 3,
    "CONTRIBUTION_MAX_FILE_BYTES": 10 * 1024 * 1024,
    "CONTRIBUTION_MAX_TOTAL_BYTES": 15 * 1024 * 1024,
    "CONTRIBUTION_NOTIFY_EMAILS": [],
    "CONTRIBUTION_NOTIFY_INTERVAL_MINUTES": 30,
    "CONTRIBUTION_EDITOR_GROUPS": ["Redactie"],
    "CONTRIBUTION_CLIENT_IP_HEADER": "",
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])


@dataclass(frozen=True)
class Limits:
    max_files: int
    max_file_bytes: int
    max_total_bytes: int

    @classmethod
    def current(cls):
        return cls(
            max_files=get("CONTRIBUTION_MAX_FILES"),
            max_file_bytes=get("CONTRIBUTION_MAX_FILE_BYTES"),
            max_total_bytes=get("CONTRIBUTION_MAX_TOTAL_BYTES"),
        )


def megabytes(size):
    return f"{size / (1024 * 1024):.0f} MB"
