"""Building agenda content in tests: the agenda under the home page and published activities."""

import datetime

from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from agenda import services
from agenda.models import (
    ActivityPage,
    ActivityProfessionalGroup,
    ActivitySession,
    ActivityTheme,
    ActivityTrainer,
    AgendaIndexPage,
)
from home.site_structure import ensure_site_structure
from practices.models import Municipality
from tests.deferred import each_task_once


def agenda_index():
    home = ensure_site_structure()
    index = AgendaIndexPage.objects.child_of(home).first()
    if index is None:
        index = AgendaIndexPage(title="Agenda — Leren van collega's", slug="agenda")
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def days_from_now(days):
    return timezone.localdate() + datetime.timedelta(days=days)


@each_task_once()
def make_activity(
    index,
    title,
    *,
    dates=None,
    start=datetime.time(13, 30),
    end=datetime.time(16, 30),
    municipality="GM0193",  # Zwolle
    capacity=20,
    kind=ActivityPage.Kind.MEETING,
    themes=(),
    professional_groups=(),
    trainers=(),
    online=False,
    **fields,
):
    dates = dates or [days_from_now(30)]
    page = ActivityPage(
        title=title,
        summary=fields.pop("summary", f"Samen leren: {title}."),
        organisers=fields.pop("organisers", "VNG, A&O fonds gemeenten"),
        kind=kind,
        capacity=capacity,
        is_online=online,
        online_link="https://meet.example.nl/leren" if online else "",
        municipality=None if online else Municipality.objects.get(cbs_code=municipality),
        venue="" if online else "Stadhuis",
        address="" if online else "Grote Kerkplein 15",
        **fields,
    )
    page.sessions = [ActivitySession(date=d, start_time=start, end_time=end) for d in dates]
    page.activity_themes = [ActivityTheme(theme=t) for t in themes]
    page.activity_professional_groups = [
        ActivityProfessionalGroup(professional_group=g) for g in professional_groups
    ]
    page.trainers = [ActivityTrainer(colleague=c) for c in trainers]
    index.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def registration_of(activity, email, confirm=True):
    """`email` registers for `activity` (name and e-mail alike) and, unless told otherwise, confirms."""
    registration, _created = services.register(
        activity,
        name=email,
        email=email,
        municipality=None,
        organisation="VNG",
        professional_group=None,
        remark="",
        language="nl",
    )
    return services.confirm_email(registration.pk) if confirm else registration


def log_in_as_organiser(client, django_user_model):
    """`client` is an admin user whose group may manage registrations, and nothing more."""
    user = django_user_model.objects.create_user("organisator", password="x")
    group = Group.objects.create(name="Organisatoren")
    group.permissions.add(
        Permission.objects.get(codename="manage_registrations"),
        Permission.objects.get(codename="access_admin"),
    )
    user.groups.add(group)
    client.force_login(user)
