"""What a page costs in SQL queries: at most 12 for a practice, municipality, theme and home page,
and the same with one related item as with hundreds (a newsletter linking a practice to 340
municipalities must not make its page 340 queries heavier).

The server-side page cache is off, so the real work of the page is counted; each count is of the
second request, as a visitor meets a page between two content changes (the first one after a
change reads the site frame, terms and places again, once per process).
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from practices.models import (
    LearningForm,
    Municipality,
    PracticePage,
    ProfessionalGroup,
    RelatedPractice,
    Theme,
)
from tests.database import reloaded
from tests.deferred import each_task_once
from tests.factories import make_practice

MAX_QUERIES = 12


@pytest.fixture(scope="module")
def module_content(module_practice_index):
    """The cases, built once; their search and reference index updates run once each at the end."""
    with each_task_once():
        return build_module_content(module_practice_index)


def build_module_content(module_practice_index):
    index = module_practice_index
    dutch = {"locale__language_code": "nl"}
    themes = list(Theme.objects.filter(**dutch).order_by("name"))
    groups = list(ProfessionalGroup.objects.filter(**dutch).order_by("name"))
    forms = list(LearningForm.objects.filter(**dutch).order_by("name"))
    places = list(Municipality.objects.filter(is_current=True).order_by("cbs_code"))
    quiet, busy = places[0], places[1]
    lonely_theme, busy_theme = themes[0], themes[1]
    light = make_practice(
        index,
        "Eén thema, één gemeente",
        municipality=quiet,
        themes=[lonely_theme],
        practice_date=datetime.date(2019, 1, 1),
    )
    others = [
        make_practice(
            index,
            f"Buurtteam {number} leert van inwoners",
            municipality=busy,
            themes=[busy_theme, themes[2 + number % (len(themes) - 2)]],
            professional_groups=groups[:1],
            practice_date=datetime.date(2020, 1 + number % 12, 1),
        )
        for number in range(16)
    ]
    heavy = make_practice(
        index,
        "Nieuwsbrief: regionale leeraanpak in 340 gemeenten",
        organisation="Landelijk leernetwerk",
        involved=places[2:342],
        themes=themes,
        professional_groups=groups,
        learning_forms=forms,
        practice_date=datetime.date(2021, 6, 1),
    )
    heavy.related_practices = [RelatedPractice(practice=other) for other in others[:8]]
    heavy.save_revision().publish()
    return {
        "light": light,
        "heavy": heavy,
        "quiet": quiet,
        "busy": busy,
        "lonely_theme": lonely_theme,
        "busy_theme": busy_theme,
        "involved": len(places[2:342]),
    }


@pytest.fixture
def content(module_content, db, settings):
    settings.PAGE_CACHE_SERVER_SIDE = False  # count the page's own work, not a cached copy
    return reloaded(module_content)


class Count(int):
    """A number of queries that shows them when an assertion fails."""

    def __new__(cls, captured):
        count = super().__new__(cls, len(captured))
        count.sql = [query["sql"][:160] for query in captured.captured_queries]
        return count

    def __repr__(self):
        return f"{int(self)} queries:\n  " + "\n  ".join(self.sql)


def queries(client, url):
    """The SQL queries of a page, counted on its second request."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    return Count(captured)


def test_heavy_practice_really_is_linked_to_340_municipalities_and_every_term(client, content):
    heavy = PracticePage.objects.get(pk=content["heavy"].pk)
    assert heavy.involved_municipalities.count() == content["involved"] == 340
    html = client.get(heavy.url).content.decode()
    assert html.count("/gemeente/") >= 340
    assert "Buurtteam" in html.split('id="related-heading"')[1]


def test_practice_page_costs_at_most_12_queries_with_one_term(client, content):
    assert queries(client, content["light"].url) <= MAX_QUERIES


def test_practice_page_with_340_municipalities_every_term_and_8_related_costs_no_more(
    client, content
):
    light = queries(client, content["light"].url)
    heavy = queries(client, content["heavy"].url)
    assert heavy <= MAX_QUERIES
    assert heavy <= light + 1  # the one extra: reading the related cases editors chose


def test_municipality_page_costs_at_most_12_queries_with_one_case_or_sixteen(client, content):
    quiet = queries(client, f"/gemeente/{content['quiet'].slug}/")
    busy = queries(client, f"/gemeente/{content['busy'].slug}/")
    assert quiet <= MAX_QUERIES
    assert busy == quiet


def test_theme_page_costs_at_most_12_queries_with_one_case_or_eighteen(client, content):
    lonely = queries(client, f"/thema/{content['lonely_theme'].slug}/")
    busy = queries(client, f"/thema/{content['busy_theme'].slug}/")
    assert lonely <= MAX_QUERIES
    assert busy == lonely


def test_home_page_costs_at_most_12_queries_whatever_the_number_of_cases(client, content):
    before = queries(client, "/")
    assert before <= MAX_QUERIES
    index = content["light"].get_parent()
    places = Municipality.objects.filter(is_current=True).order_by("-cbs_code")[:5]
    for number, place in enumerate(places):
        make_practice(index, f"Nog een voorbeeld {number}", municipality=place)
    assert queries(client, "/") == before


def test_english_practice_page_costs_at_most_12_queries(client, content):
    with_english = queries(client, "/en/")
    assert with_english <= MAX_QUERIES
