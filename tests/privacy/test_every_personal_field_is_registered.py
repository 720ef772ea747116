"""A model of ours that gains a field that looks personal must register it (or say it is not personal)."""

import re
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models
from django.test.utils import isolate_apps

from privacy.registry import (
    is_declared_not_personal,
    is_personal_field,
    register_not_personal,
    register_personal_data,
    unregister,
)

PERSONAL_WORDS = {
    "name",
    "surname",
    "firstname",
    "lastname",
    "initials",
    "email",
    "mail",
    "ip",
    "phone",
    "telephone",
    "mobile",
    "address",
    "postcode",
    "birth",
    "birthday",
    "contact",
    "bsn",
}
PERSONAL_TYPES = (models.EmailField, models.GenericIPAddressField)
# Names of things in code or files, never of people (an embedding's `model_name`).
TECHNICAL_NAMES = {"model_name", "file_name", "filename", "field_name", "app_name", "task_name"}


def our_models():
    """Models of the project's own apps, not those of Django, Wagtail or other packages."""
    base = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if base in path.parents and ".venv" not in path.parts:
            yield from config.get_models()


def looks_personal(field):
    if field.name in TECHNICAL_NAMES and not isinstance(field, PERSONAL_TYPES):
        return False
    words = set(re.split(r"[_\W]+", field.name.lower()))
    return isinstance(field, PERSONAL_TYPES) or bool(words & PERSONAL_WORDS)


def unregistered_personal_fields(models_to_check=None):
    return [
        f"{model._meta.label}.{field.name}"
        for model in (our_models() if models_to_check is None else models_to_check)
        # Only the model's own fields: a page's `title` and `owner` belong to Wagtail's Page.
        for field in model._meta.local_fields
        if looks_personal(field)
        and not is_personal_field(model, field.name)
        and not is_declared_not_personal(model, field.name)
    ]


def test_every_field_that_looks_personal_is_registered_or_declared_not_personal():
    assert unregistered_personal_fields() == [], (
        "Register these with privacy.registry.register_personal_data (or, if they hold no "
        "personal data, register_not_personal) from the app's AppConfig.ready"
    )


def test_the_check_sees_our_models_and_not_wagtails():
    labels = {model._meta.label for model in our_models()}
    assert "contributions.Contribution" in labels
    assert "wagtailcore.Page" not in labels and "auth.User" not in labels


def test_a_new_unregistered_email_field_would_be_caught():
    field = models.EmailField(name="participant_email")
    assert looks_personal(field)
    assert looks_personal(models.CharField(name="phone_number"))
    assert looks_personal(models.GenericIPAddressField(name="remote"))
    assert not looks_personal(models.CharField(name="description"))


@isolate_apps("privacy")
def test_a_model_that_gains_an_email_name_or_ip_field_fails_until_it_is_registered():
    class Attendance(models.Model):  # a model as a new app would add it
        meeting = models.CharField(max_length=100)
        participant_email = models.EmailField()
        full_name = models.CharField(max_length=100)
        remote = models.GenericIPAddressField(null=True)
        badge_name = models.CharField(max_length=100)

        class Meta:
            app_label = "privacy"

        def __str__(self):
            return self.meeting

    assert unregistered_personal_fields([Attendance]) == [
        "privacy.Attendance.participant_email",
        "privacy.Attendance.full_name",
        "privacy.Attendance.remote",
        "privacy.Attendance.badge_name",
    ]
    try:
        register_personal_data(
            Attendance,
            fields=["participant_email", "full_name", "remote"],
            subject_email="participant_email",
            retention=None,
        )
        register_not_personal(Attendance, ["badge_name"])
        assert unregistered_personal_fields([Attendance]) == []
    finally:
        unregister(Attendance)
    assert len(unregistered_personal_fields([Attendance])) == 4
