"""What staff search for: counted per query and day without personal data, reported to editors."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from search.models import QueryOutcome
from search.statistics import record_opened, record_search

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(get_user_model().objects.create_superuser("e", "e@example.org", "pw"))
    return client


def week_of(day):
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def test_a_query_without_results_is_in_the_report_the_next_day(editor_client):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    record_search("  Zelfroosterende   Teams ", 0, today=yesterday)
    record_search("zelfroosterende teams", 0, today=yesterday)
    record_search("intervisie", 7, today=yesterday)
    html = editor_client.get(
        reverse("search_queries_report"), {"week": week_of(yesterday)}
    ).content.decode()
    without = html.split('id="without-results"')[1].split("</section>")[0]
    assert "zelfroosterende teams" in without and "intervisie" not in without
    assert "Synoniem toevoegen" in without


def test_only_counts_are_stored_never_who_searched(client):
    client.get("/zoeken/", {"q": "keukentafel"}, REMOTE_ADDR="203.0.113.9")
    stored = [
        *Query.objects.values_list(flat=True),
        *QueryDailyHits.objects.values(),
        *QueryOutcome.objects.values(),
    ]
    assert "203.0.113.9" not in repr(stored)
    field_names = {f.name for model in (QueryDailyHits, QueryOutcome) for f in model._meta.fields}
    assert not field_names & {"ip", "ip_address", "user", "session", "created_at"}


def test_queries_that_look_like_personal_data_are_not_recorded():
    record_search("jan.jansen@gemeente.nl", 0)
    record_search("bsn 123456782", 0)
    record_search("06-12345678", 0)
    assert not Query.objects.exists()


def test_results_nobody_opened_are_listed_and_opened_ones_are_not(editor_client):
    today = timezone.localdate()
    record_search("casuistiek", 3, today=today)
    record_search("teamcoaching", 2, today=today)
    assert record_opened("Teamcoaching", today=today)
    assert not record_opened("nooit gezocht", today=today)  # made-up queries are ignored
    html = editor_client.get(reverse("search_queries_report")).content.decode()
    not_opened = html.split('id="not-opened"')[1].split("</section>")[0]
    assert "casuistiek" in not_opened and "teamcoaching" not in not_opened
    assert not Query.objects.filter(query_string="nooit gezocht").exists()


def test_the_report_exports_as_csv(editor_client):
    record_search("omgevingswet", 0)
    response = editor_client.get(reverse("search_queries_report"), {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("lijst,zoekvraag")
    assert any("zonder resultaat,omgevingswet,1,1,0" in line for line in lines)


def test_a_synonym_can_be_added_straight_from_a_query_without_results(editor_client):
    record_search("p&o-ers", 0)
    html = editor_client.get(reverse("search_queries_report")).content.decode()
    assert "terms=p%26o-ers" in html
    form = editor_client.get(
        reverse("wagtailsnippets_search_synonym:add"), {"terms": "p&o-ers"}
    ).content.decode()
    assert "p&amp;o-ers, " in form


def test_the_dashboard_shows_this_weeks_queries_without_results(editor_client):
    record_search("leren op locatie in drenthe", 0)
    html = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Deze week gezocht, niets gevonden" in html
    assert "leren op locatie in drenthe" in html


def test_anonymous_visitors_cannot_read_the_report(client):
    response = client.get(reverse("search_queries_report"))
    assert response.status_code in (302, 403)
