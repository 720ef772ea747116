"""Synonyms editors add, the English site, and a query count that does not grow with the results."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from search.models import Synonym
from search.service import search
from search.types import SearchParams
from tests.factories import PracticeIndexPageFactory, make_practice

pytestmark = pytest.mark.django_db


def titles(query, language="nl", **filters):
    params = SearchParams(query=query, language=language, filters=filters)
    return [hit.title for hit in search(params).hits]


def test_synonym_added_by_an_editor_is_used_at_once(practices):
    assert titles("burgerparticipatie") == []
    Synonym.objects.create(terms="burgerparticipatie, bewoners denken mee")
    assert titles("burgerparticipatie") == ["Bewoners denken mee over het nieuwe park"]


def test_seeded_abbreviations_work(practices, practice_index, places):
    make_practice(
        practice_index,
        "Werk vinden met steun van de gemeente",
        municipality=places["leiden"],
        summary="Begeleiding naar werk onder de Participatiewet.",
    )
    assert titles("PW") == ["Werk vinden met steun van de gemeente"]


def test_english_site_gets_english_pages_only(client, practices, english_home, places):
    index = PracticeIndexPageFactory(parent=english_home, title="Practices", slug="practices")
    make_practice(
        index,
        "Talking at the kitchen table",
        municipality=places["haag"],
        summary="Social workers talk with residents at their kitchen table.",
    )
    assert titles("kitchen tables", language="en") == ["Talking at the kitchen table"]
    assert titles("keukentafel", language="en") == []
    with translation.override("en"):
        url = reverse("search")
    html = client.get(url, {"q": "kitchen table"}).content.decode()
    assert "Talking at the kitchen table" in html
    assert "Het gesprek aan de keukentafel" not in html


def test_query_count_does_not_grow_with_the_number_of_results(practices, practice_index, places):
    def queries_for(query):
        with CaptureQueriesContext(connection) as captured:
            search(SearchParams(query=query, page_size=50))
        return len(captured)

    few = queries_for("bewoners")
    for number in range(12):
        make_practice(
            practice_index,
            f"Bewoners aan zet {number}",
            municipality=places["leiden"],
            summary="Bewoners beslissen mee.",
            practice_date=datetime.date(2020, 1, 1),
        )
    assert queries_for("bewoners") <= few
