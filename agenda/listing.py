"""The agenda's listing: upcoming activities first (or the archive of past ones), filtered by
professional group, province, theme, kind, online or on location, and month."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Max, Min, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

PAGE_SIZE = 12
FILTERS = ("beroepsgroep", "provincie", "thema", "soort", "vorm", "maand")


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    selected: bool = False


@dataclass
class AgendaListing:
    archive: bool
    items: list
    page_obj: object
    count: int
    groups: list[dict]
    filtered: bool
    errors: list[str] = field(default_factory=list)

    @property
    def is_paginated(self):
        return self.page_obj.paginator.num_pages > 1


def _first(params, name):
    value = params.get(name, "")
    return value.replace("\x00", "").strip()[:100] if isinstance(value, str) else ""


def parse_month(value):
    """'2026-03' as the first day of that month, or None."""
    try:
        year, month = value.split("-")
        return datetime.date(int(year), int(month), 1)
    except (ValueError, TypeError):
        return None


def activities_in(locale_id, params, *, archive=False, today=None):
    """The live, public activities of a locale that pass the filters in `params`, in order, and
    the filters that were not understood.

    Another language than Dutch also gets the Dutch activities that have no translation in it
    (most meetings are held in Dutch): its agenda is never emptier than the Dutch one. Terms are
    matched across languages by their translation key."""
    from agenda.models import ActivityPage

    today = today or timezone.localdate()
    default = Locale.get_default()
    live = ActivityPage.objects.live().public()
    if locale_id == default.id:
        pages = live.filter(locale_id=locale_id)
    else:
        translated = live.filter(locale_id=locale_id).values("translation_key")
        pages = live.filter(
            Q(locale_id=locale_id) | (Q(locale_id=default.id) & ~Q(translation_key__in=translated))
        )
    pages = pages.annotate(first=Min("sessions__date"), last=Max("sessions__date"))
    if archive:
        pages = pages.filter(last__lt=today).order_by("-first", "title")
    else:
        pages = pages.filter(last__gte=today).order_by("first", "title")
    from practices.models import ProfessionalGroup, Theme

    errors = []
    chosen = {name: _first(params, name) for name in FILTERS}
    if chosen["beroepsgroep"]:
        keys = ProfessionalGroup.objects.filter(slug=chosen["beroepsgroep"]).values(
            "translation_key"
        )
        pages = pages.filter(
            activity_professional_groups__professional_group__translation_key__in=keys
        )
    if chosen["thema"]:
        keys = Theme.objects.filter(slug=chosen["thema"]).values("translation_key")
        pages = pages.filter(activity_themes__theme__translation_key__in=keys)
    if chosen["provincie"]:
        pages = pages.filter(is_online=False, municipality__province__slug=chosen["provincie"])
    if chosen["soort"]:
        if chosen["soort"] in ActivityPage.Kind.values:
            pages = pages.filter(kind=chosen["soort"])
        else:
            errors.append("soort")
    if chosen["vorm"] in ("online", "locatie"):
        pages = pages.filter(is_online=chosen["vorm"] == "online")
    elif chosen["vorm"]:
        errors.append("vorm")
    if chosen["maand"]:
        month = parse_month(chosen["maand"])
        if month is None:
            errors.append("maand")
        else:
            pages = pages.filter(sessions__date__year=month.year, sessions__date__month=month.month)
    return pages.distinct(), chosen, errors


def list_activities(index_page, params, *, archive=False, page_size=PAGE_SIZE):
    from agenda.models import (
        ActivityPage,
        ActivityProfessionalGroup,
        ActivitySession,
        ActivityTheme,
    )
    from agenda.services import availabilities
    from practices.models import ProfessionalGroup, Province, Theme

    selection, chosen, errors = activities_in(index_page.locale_id, params, archive=archive)
    selection = selection.select_related("municipality__province").prefetch_related("sessions")
    paginator = Paginator(selection, page_size)
    try:
        page_obj = paginator.page(params.get("pagina", 1))
    except PageNotAnInteger:
        page_obj = paginator.page(1)
    except EmptyPage:
        page_obj = paginator.page(paginator.num_pages)

    # The choices: only values that some activity in this part of the agenda has.
    base, _chosen, _errors = activities_in(index_page.locale_id, {}, archive=archive)
    ids = list(base.values_list("id", flat=True))
    used = ActivityPage.objects.filter(id__in=ids)
    # The terms in the listing's language, whichever language the activity using them is in.
    groups_used = ActivityProfessionalGroup.objects.filter(page_id__in=ids).values(
        "professional_group__translation_key"
    )
    themes_used = ActivityTheme.objects.filter(page_id__in=ids).values("theme__translation_key")
    in_language = {"locale_id": index_page.locale_id}
    provinces_used = used.filter(is_online=False).values("municipality__province_id")
    kinds_used = set(used.values_list("kind", flat=True))
    months = sorted(
        {
            d.replace(day=1)
            for d in ActivitySession.objects.filter(page_id__in=ids).values_list("date", flat=True)
        },
        reverse=archive,
    )

    def options(name, pairs):
        return [Option(value, label, value == chosen[name]) for value, label in pairs]

    groups = [
        (
            "beroepsgroep",
            _("Beroepsgroep"),
            _("Alle beroepsgroepen"),
            options(
                "beroepsgroep",
                [
                    (g.slug, g.name)
                    for g in ProfessionalGroup.objects.filter(
                        translation_key__in=groups_used, **in_language
                    )
                ],
            ),
        ),
        (
            "provincie",
            _("Provincie"),
            _("Alle provincies"),
            options(
                "provincie",
                [
                    (p.slug, p.name)
                    for p in Province.objects.filter(id__in=provinces_used).order_by("name")
                ],
            ),
        ),
        (
            "thema",
            _("Thema"),
            _("Alle thema’s"),
            options(
                "thema",
                [
                    (t.slug, t.name)
                    for t in Theme.objects.filter(translation_key__in=themes_used, **in_language)
                ],
            ),
        ),
        (
            "soort",
            _("Soort activiteit"),
            _("Alle soorten"),
            options(
                "soort",
                [
                    (value, label)
                    for value, label in ActivityPage.Kind.choices
                    if value in kinds_used
                ],
            ),
        ),
        (
            "vorm",
            _("Online of op locatie"),
            _("Allebei"),
            options("vorm", [("locatie", _("Op locatie")), ("online", _("Online"))]),
        ),
        (
            "maand",
            _("Maand"),
            _("Alle maanden"),
            options(
                "maand",
                [(m.strftime("%Y-%m"), formats.date_format(m, "F Y")) for m in months],
            ),
        ),
    ]
    items = list(page_obj.object_list)
    places = availabilities(items)
    for activity in items:
        activity.availability = places[activity.pk]
        activity.dutch_only = activity.locale_id != index_page.locale_id
    return AgendaListing(
        archive=archive,
        items=items,
        page_obj=page_obj,
        count=paginator.count,
        groups=[
            {
                "name": name,
                "label": label,
                "all_label": all_label,
                "values": values,
                "single": True,
                "open": any(v.selected for v in values) or name in ("beroepsgroep", "provincie"),
            }
            for name, label, all_label, values in groups
        ],
        filtered=any(chosen.values()),
        errors=errors,
    )
