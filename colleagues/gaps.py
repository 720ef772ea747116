"""Where the gaps are: demand (questions, intake searches that found nothing, in-company requests)
per theme × professional group × province, beside the supply (trainers, practices), marking demand
without supply. For the editors (Rapporten), exportable as CSV for VNG and the A&O fonds."""

import csv
from dataclasses import dataclass

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from colleagues.browsing import visible_colleagues
from colleagues.models import InCompanyRequest, IntakeSearch, KnowledgeQuestion


@dataclass
class GapRow:
    theme: object
    group: object
    province: object
    questions: int = 0
    empty_searches: int = 0
    in_company: int = 0
    trainers: int = 0
    practices: int = 0

    @property
    def demand(self):
        return self.questions + self.empty_searches + self.in_company

    @property
    def is_gap(self):
        return self.demand > 0 and self.trainers == 0 and self.practices == 0


def _supply():
    from practices.models import PracticePage

    trainers = []
    for colleague in (
        visible_colleagues()
        .select_related("municipality")
        .prefetch_related("themes", "professional_groups")
    ):
        trainers.append(
            (
                {link.theme.translation_key for link in colleague.themes.all()},
                {
                    link.professional_group.translation_key
                    for link in colleague.professional_groups.all()
                },
                colleague.municipality.province_id if colleague.municipality_id else None,
            )
        )
    practices = []
    for practice in (
        PracticePage.objects.live()
        .public()
        .select_related("municipality")
        .prefetch_related(
            "practice_themes__theme",
            "practice_professional_groups__professional_group",
            "involved_municipalities__municipality",
        )
    ):
        provinces = {m.province_id for m in practice.municipalities}
        practices.append(
            (
                {link.theme.translation_key for link in practice.practice_themes.all()},
                {
                    link.professional_group.translation_key
                    for link in practice.practice_professional_groups.all()
                },
                provinces,
            )
        )
    return trainers, practices


def gap_rows():
    rows = {}

    def row(theme, group, province):
        key = (
            theme.translation_key if theme else None,
            group.translation_key if group else None,
            province.pk if province else None,
        )
        if key not in rows:
            rows[key] = GapRow(theme, group, province)
        return rows[key]

    for question in KnowledgeQuestion.objects.filter(confirmed_at__isnull=False).select_related(
        "theme", "professional_group", "municipality__province"
    ):
        province = question.municipality.province if question.municipality_id else None
        row(question.theme, question.professional_group, province).questions += 1
    for search in IntakeSearch.objects.filter(result_count=0).select_related(
        "theme", "professional_group", "province"
    ):
        row(search.theme, search.professional_group, search.province).empty_searches += 1
    for request in InCompanyRequest.objects.select_related("municipality__province", "colleague"):
        themes = [link.theme for link in request.colleague.themes.all()[:1]]
        province = request.municipality.province if request.municipality_id else None
        row(themes[0] if themes else None, None, province).in_company += 1

    trainers, practices = _supply()
    for key, gap in rows.items():
        gap.trainers = sum(1 for t, g, p in trainers if _fits(key, t, g, {p}))
        gap.practices = sum(1 for t, g, p in practices if _fits(key, t, g, p))
    return sorted(rows.values(), key=lambda r: (not r.is_gap, -r.demand, _label(r.theme)))


def _fits(key, themes, groups, provinces):
    theme_key, group_key, province_id = key
    return (
        (theme_key is None or theme_key in themes)
        and (group_key is None or group_key in groups)
        and (province_id is None or province_id in provinces)
    )


def _label(term):
    return term.name if term is not None else "—"


CSV_HEADER = [
    "thema",
    "beroepsgroep",
    "provincie",
    "kennisvragen",
    "zoekpogingen zonder resultaat",
    "incompany-verzoeken",
    "trainers",
    "praktijkvoorbeelden",
    "witte vlek",
]


def gap_report_view(request):
    if not request.user.has_perm("colleagues.view_knowledgequestion"):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    rows = gap_rows()
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="witte-vlekken.csv"'
        writer = csv.writer(response)
        writer.writerow(CSV_HEADER)
        for r in rows:
            writer.writerow(
                [
                    _label(r.theme),
                    _label(r.group),
                    _label(r.province),
                    r.questions,
                    r.empty_searches,
                    r.in_company,
                    r.trainers,
                    r.practices,
                    "ja" if r.is_gap else "nee",
                ]
            )
        return response
    return TemplateResponse(
        request,
        "colleagues/admin/gap_report.html",
        {"rows": rows, "title": _("Witte vlekken: vraag zonder aanbod")},
    )
