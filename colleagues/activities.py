"""The hook through which an agenda tells the colleagues app which courses and meetings a colleague
gives. The colleagues app does not import the agenda; the agenda registers from its AppConfig.ready:

    from colleagues.activities import register_activity_source
    register_activity_source(lambda colleague_ids: {colleague_id: [Activity(...), ...]})

Profiles list the activities; matching reads their titles and texts ("geeft de cursus …")."""

from dataclasses import dataclass
from datetime import date

_sources = []


@dataclass(frozen=True)
class Activity:
    title: str
    url: str
    starts_on: date | None = None
    text: str = ""  # what the activity is about, for matching
    kind: str = "cursus"  # "cursus", "bijeenkomst", …: how an explanation names it


def register_activity_source(source):
    """`source(colleague_ids)` -> {colleague page id: [Activity]} for the upcoming activities they give."""
    if source not in _sources:
        _sources.append(source)


def activities_of(colleague_ids):
    found = {}
    for source in _sources:
        for pk, activities in source(list(colleague_ids)).items():
            found.setdefault(pk, []).extend(activities)
    return found
