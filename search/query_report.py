"""The editors' report "Zoekvragen": what staff searched for per week, what found nothing and what
found results nobody opened, with the actions that help (a synonym, a promoted practice), as CSV too."""

import csv
import datetime
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query

from search.statistics import recordable, start_of_week, week_report

PERMISSION = "wagtailsearchpromotions.add_searchpromotion"  # who may promote results reads this
CSV_COLUMNS = ("lijst", "zoekvraag", "gezocht", "zonder resultaat", "resultaat geopend")


def chosen_week(request):
    """The Monday of the week asked for (?week=2026-W49), this week by default."""
    value = request.GET.get("week", "")
    try:
        day = datetime.datetime.strptime(value + "-1", "%G-W%V-%u").date()
    except ValueError:
        day = timezone.localdate()
    return start_of_week(day)


def week_label(monday):
    year, week, _day = monday.isocalendar()
    return f"{year}-W{week:02d}"


def require_permission(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def report_view(request):
    require_permission(request)
    monday = chosen_week(request)
    report = week_report(monday)
    if request.GET.get("format") == "csv":
        return csv_response(report, monday)
    previous_week = monday - datetime.timedelta(days=7)
    next_week = monday + datetime.timedelta(days=7)
    return TemplateResponse(
        request,
        "search/admin/query_report.html",
        {
            "report": report,
            "week": week_label(monday),
            "first_day": monday,
            "last_day": monday + datetime.timedelta(days=6),
            "previous_week": week_label(previous_week),
            "next_week": week_label(next_week) if next_week <= timezone.localdate() else "",
            "header_icon": "search",
        },
    )


def csv_response(report, monday):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="zoekvragen-{week_label(monday)}.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for name, label in (
        ("top", "meest gezocht"),
        ("without_results", "zonder resultaat"),
        ("not_opened", "niets geopend"),
    ):
        for row in report[name]:
            writer.writerow(
                [
                    label,
                    row["query"],
                    row["searches"],
                    row["without_results"],
                    row["results_opened"],
                ]
            )
    return response


def promote_view(request):
    """Promote a result for a query from the report: open Wagtail's promotion form for that query."""
    if not request.user.has_perm("wagtailsearchpromotions.change_query"):
        raise PermissionDenied
    query = recordable(request.GET.get("q", ""))
    if not query:
        return redirect("search_queries_report")
    entry = Query.get(query)
    return redirect(reverse("wagtailsearchpromotions:edit", args=[entry.pk]))


def top_without_results(limit=5):
    """This week's top queries that found nothing, for the editors' dashboard."""
    return week_report(start_of_week(timezone.localdate()), limit=limit)["without_results"]


def synonym_add_url(query):
    return reverse("wagtailsnippets_search_synonym:add") + "?" + urlencode({"terms": query})
