"""Which model fields hold personal data, whose they are and how long we keep them.

Each app registers its own models from its `AppConfig.ready`:

    from privacy.registry import Retention, register_personal_data

    register_personal_data(
        Registration,
        fields=["name", "email", "phone"],
        subject_email="email",                      # a field, or a lookup such as "person__email"
        retention=Retention(days=365, after="session__ends_at"),
        label=_("Aanmeldingen"),
    )

`privacy.services` (the "Persoonsgegevens" tool, `manage.py apply_retention`) only reads what is
registered here, so it knows no content app. Fields whose names look personal but are not
(a taxonomy term's `name`) are declared with `register_not_personal`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone


@dataclass(frozen=True)
class Retention:
    """Erase a record's personal fields `days` after the date in `after` (a field or lookup).

    `days` may be a callable (read from settings when the job runs); `applies_to` narrows the
    queryset further (e.g. only decided cases), so records still in use are never touched.
    A model may have several, each for its own kind of record (`label` says which, e.g. questions
    whose address was never confirmed, kept 7 days, and answered ones, kept 90).
    """

    days: int | Callable[[], int]
    after: str
    applies_to: Callable[[models.QuerySet], models.QuerySet] | None = None
    label: str = ""

    def period_days(self):
        return self.days() if callable(self.days) else self.days

    def due(self, queryset, now=None):
        cutoff = (now or timezone.now()) - timezone.timedelta(days=self.period_days())
        queryset = queryset.filter(**{f"{self.after}__lte": cutoff})
        return self.applies_to(queryset) if self.applies_to else queryset


@dataclass(frozen=True)
class PersonalData:
    """One registered model: its personal fields and how to find, export and erase them."""

    model: type[models.Model]
    fields: tuple[str, ...]
    subject_email: str
    retentions: tuple[Retention, ...]
    label: str
    erase_fn: Callable | None = None
    export_fn: Callable | None = None
    extra: dict = field(default_factory=dict)

    @property
    def key(self):
        return self.model._meta.label_lower

    @property
    def retention(self):
        """The first (main) retention rule, or None when the data is kept until asked."""
        return self.retentions[0] if self.retentions else None

    def retention_summary(self):
        """[{"days": …, "applies_to": …}] per rule, for exports and the retention job's report."""
        return [
            {"days": rule.period_days(), "applies_to": str(rule.label) or None}
            for rule in self.retentions
        ]

    def queryset(self):
        return self.model._default_manager.all()

    def held_about(self, email):
        """Records whose subject is this e-mail address (case-insensitive)."""
        if not email:
            return self.queryset().none()
        return self.queryset().filter(**{f"{self.subject_email}__iexact": email})

    def export(self, instance):
        if self.export_fn:
            return self.export_fn(instance)
        return {"id": instance.pk, **{name: getattr(instance, name) for name in self.fields}}

    def erase(self, instance, when):
        """Blank the personal fields (or the app's own erasure, e.g. one that also publishes)."""
        if self.erase_fn:
            self.erase_fn(instance, when)
            return
        for name in self.fields:
            model_field = instance._meta.get_field(name)
            setattr(instance, name, None if model_field.null else "")
        instance.save(update_fields=list(self.fields))


_registered: dict[str, PersonalData] = {}
_not_personal: dict[str, set[str]] = {}


def register_personal_data(
    model,
    *,
    fields,
    subject_email,
    retention,
    label=None,
    erase=None,
    export=None,
):
    """Declare that `fields` of `model` hold personal data about the person at `subject_email`.

    - `retention`: a `Retention` (or a list of them, one per kind of record), or None when the
      data stays as long as the record is needed (e.g. a contact person on a published page) and
      is only erased on request.
    - `erase(instance, when)`: optional; the default blanks the fields (None where null=True).
    - `export(instance) -> dict`: optional; the default exports the pk and the fields.
    Registering the same model again replaces the earlier registration (tests, reloads).
    """
    for name in fields:
        model._meta.get_field(name)  # a typo fails at start-up, not during a data-subject request
    if retention is None:
        retentions = ()
    elif isinstance(retention, Retention):
        retentions = (retention,)
    else:
        retentions = tuple(retention)
    registration = PersonalData(
        model=model,
        fields=tuple(fields),
        subject_email=subject_email,
        retentions=retentions,
        label=label or model._meta.verbose_name_plural,
        erase_fn=erase,
        export_fn=export,
    )
    _registered[registration.key] = registration
    return registration


def register_not_personal(model, fields):
    """Fields whose names look personal but are not (a theme's `name`, a publisher's `short_name`)."""
    for name in fields:
        model._meta.get_field(name)
    _not_personal.setdefault(model._meta.label_lower, set()).update(fields)


def unregister(model):
    """Forget a model's registration and its not-personal declarations (tests, removed apps)."""
    _registered.pop(model._meta.label_lower, None)
    _not_personal.pop(model._meta.label_lower, None)


def registrations():
    """Every registered model, in a stable order (by label)."""
    return [
        _registered[key] for key in sorted(_registered, key=lambda k: str(_registered[k].label))
    ]


def get_registration(model):
    return _registered.get(model._meta.label_lower)


def is_personal_field(model, name):
    registration = get_registration(model)
    return bool(registration and name in registration.fields)


def is_declared_not_personal(model, name):
    return name in _not_personal.get(model._meta.label_lower, set())
