"""Find, export and erase what the site holds about one person, and apply retention periods.

Everything here goes through `privacy.registry`; a new app's data is covered once it registers."""

from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from privacy.models import PersonalDataLogEntry
from privacy.registry import PersonalData, registrations


@dataclass
class Held:
    """What one registered kind holds about the person: the registration and its records."""

    registration: PersonalData
    records: list

    @property
    def label(self):
        return self.registration.label

    def rows(self):
        """Per record: its name and the personal fields as (label, value), for the editor to check."""
        fields = [
            self.registration.model._meta.get_field(name) for name in self.registration.fields
        ]
        return [
            (record, [(field.verbose_name, getattr(record, field.name)) for field in fields])
            for record in self.records
        ]


def normalise_email(email):
    return (email or "").strip()


def find(email):
    """Every registered kind that holds something about `email`, with its records."""
    email = normalise_email(email)
    found = []
    for registration in registrations():
        records = list(registration.held_about(email))
        if records:
            found.append(Held(registration, records))
    return found


def _counts(found):
    return {held.registration.key: len(held.records) for held in found}


def export(email, user=None):
    """A JSON-ready dict of everything held about `email` (AVG art. 15); logged without the data."""
    email = normalise_email(email)
    found = find(email)
    data = {
        "subject": email,
        "exported_at": timezone.now().isoformat(),
        "kinds": [
            {
                "kind": held.registration.key,
                "label": str(held.label),
                "retention_days": held.registration.retention.period_days()
                if held.registration.retention
                else None,
                "retention": held.registration.retention_summary(),
                "records": [held.registration.export(record) for record in held.records],
            }
            for held in found
        ],
    }
    PersonalDataLogEntry.objects.create(
        action=PersonalDataLogEntry.Action.EXPORT, performed_by=user, counts=_counts(found)
    )
    return data


def export_json(email, user=None):
    import json

    return json.dumps(export(email, user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def erase(email, user=None, now=None):
    """Erase or anonymise everything held about `email` (AVG art. 17) in one transaction.

    Returns the log entry, whose counts say how many records of each kind were erased."""
    email = normalise_email(email)
    now = now or timezone.now()
    with transaction.atomic():
        found = find(email)
        for held in found:
            for record in held.records:
                held.registration.erase(record, now)
        return PersonalDataLogEntry.objects.create(
            action=PersonalDataLogEntry.Action.ERASE, performed_by=user, counts=_counts(found)
        )


def apply_retention(now=None):
    """Erase the personal fields of every record whose retention period (per kind) has passed.

    Returns {kind: count}; a run that erased something is logged (without the data)."""
    now = now or timezone.now()
    counts = {}
    with transaction.atomic():
        for registration in registrations():
            for rule in registration.retentions:  # one per kind of record, each its own period
                due = list(rule.due(registration.queryset(), now=now))
                for record in due:
                    registration.erase(record, now)
                if due:
                    counts[registration.key] = counts.get(registration.key, 0) + len(due)
        if counts:
            PersonalDataLogEntry.objects.create(
                action=PersonalDataLogEntry.Action.RETENTION, counts=counts
            )
    return counts
