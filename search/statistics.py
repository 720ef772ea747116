"""What staff search for, kept without personal data: per normalised query and day, how often it was
asked (Wagtail's search_promotions Query/QueryDailyHits), how often it found nothing and how often a
result was opened (search.models.QueryOutcome). No IP address, user, session or time of day.

Queries that look like personal data (an e-mail address, a long number such as a BSN or phone
number) are not recorded at all.
"""

import datetime
import re
import unicodedata

from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import normalise_query_string

from search.models import QueryOutcome

PERSONAL = re.compile(r"@|\d[\d\s.-]{5,}\d")
MAX_RECORDED_LENGTH = 100


def normalised(query_string):
    """Wagtail's normal form of a query (lower case, single spaces), without control or format
    characters (NUL, direction overrides), which PostgreSQL would refuse to store or compare."""
    printable = "".join(
        " " if char.isspace() else char
        for char in (query_string or "")
        if char.isspace() or unicodedata.category(char) not in {"Cc", "Cf", "Cs", "Co", "Cn"}
    )
    return normalise_query_string(printable)


def recordable(query_string):
    """The normalised query, or "" when it is empty, too long to be a question, or looks personal."""
    query = normalised(query_string)
    if not query or len(query) > MAX_RECORDED_LENGTH or PERSONAL.search(query):
        return ""
    return query


def record_search(query_string, result_count, today=None):
    query = recordable(query_string)
    if not query:
        return
    today = today or timezone.localdate()
    with transaction.atomic():
        entry = Query.get(query)
        entry.add_hit(date=today)
        if result_count == 0:
            outcome, _created = QueryOutcome.objects.get_or_create(query=entry, date=today)
            QueryOutcome.objects.filter(pk=outcome.pk).update(
                without_results=F("without_results") + 1
            )


def record_opened(query_string, today=None):
    """A result of a query searched today was opened. Unknown queries are ignored, so nobody can
    fill the report by posting made-up queries."""
    query = recordable(query_string)
    if not query:
        return False
    today = today or timezone.localdate()
    entry = Query.objects.filter(query_string=query, daily_hits__date=today).first()
    if entry is None:
        return False
    with transaction.atomic():
        outcome, _created = QueryOutcome.objects.get_or_create(query=entry, date=today)
        QueryOutcome.objects.filter(pk=outcome.pk).update(results_opened=F("results_opened") + 1)
    return True


def week_bounds(week_start):
    return week_start, week_start + datetime.timedelta(days=6)


def week_rows(week_start):
    """Per query asked in the week: searches, searches without results, results opened."""
    first, last = week_bounds(week_start)
    hits = (
        QueryDailyHits.objects.filter(date__range=(first, last))
        .values("query_id", "query__query_string")
        .annotate(searches=Sum("hits"))
    )
    outcomes = {
        row["query_id"]: row
        for row in QueryOutcome.objects.filter(date__range=(first, last))
        .values("query_id")
        .annotate(without_results=Sum("without_results"), results_opened=Sum("results_opened"))
    }
    rows = []
    for row in hits:
        outcome = outcomes.get(row["query_id"], {})
        rows.append(
            {
                "query": row["query__query_string"],
                "searches": row["searches"] or 0,
                "without_results": outcome.get("without_results") or 0,
                "results_opened": outcome.get("results_opened") or 0,
            }
        )
    return rows


def week_report(week_start, limit=50):
    """The three lists editors act on: most asked, found nothing, found something nobody opened."""
    rows = week_rows(week_start)
    by_searches = sorted(rows, key=lambda row: (-row["searches"], row["query"]))
    return {
        "top": by_searches[:limit],
        "without_results": sorted(
            (row for row in rows if row["without_results"]),
            key=lambda row: (-row["without_results"], row["query"]),
        )[:limit],
        "not_opened": [
            row
            for row in by_searches
            if row["results_opened"] == 0 and row["without_results"] < row["searches"]
        ][:limit],
    }


def start_of_week(day):
    return day - datetime.timedelta(days=day.weekday())
