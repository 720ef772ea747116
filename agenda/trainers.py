"""Tells the colleagues app which activities a colleague-trainer gives, for their profile and for
matching knowledge questions ("geeft de cursus Intervisie begeleiden")."""

from django.utils import timezone
from django.utils.translation import gettext

from colleagues.activities import Activity, register_activity_source

COURSE_KINDS = {"collegiale-cursus", "leergang", "intervisiegroep"}


def activities_given(colleague_ids):
    """{colleague page id: [Activity]} for the live, not cancelled, not yet finished activities."""
    from agenda.models import ActivityTrainer

    today = timezone.localdate()
    rows = (
        ActivityTrainer.objects.filter(
            colleague_id__in=colleague_ids, page__live=True, page__is_cancelled=False
        )
        .select_related("page")
        .prefetch_related("page__sessions")
        .order_by("page_id")
    )
    found = {}
    for row in rows:
        activity = row.page
        last = activity.last_session
        if last is None or last.date < today:
            continue
        found.setdefault(row.colleague_id, []).append(
            Activity(
                title=activity.title,
                url=activity.url,
                starts_on=activity.first_date,
                text=activity.summary,
                kind=gettext("cursus") if activity.kind in COURSE_KINDS else gettext("bijeenkomst"),
            )
        )
    for activities in found.values():
        activities.sort(key=lambda a: a.starts_on)
    return found


def register():
    register_activity_source(activities_given)
