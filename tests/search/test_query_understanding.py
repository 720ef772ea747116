"""A question read as people mean it: a place named in the query becomes a filter the visitor can
remove (or, when several places share the name, a suggestion with counts)."""

import re

import pytest
from django.utils import translation
from wagtail.models import Locale

from changes.version import current_version
from practices.models import Municipality
from search.analysis import QueryPlan
from search.engines import database
from search.engines.database import DatabaseEngine
from search.pipeline import query_plan
from search.service import search
from search.types import SearchParams
from tests.factories import make_practice

pytestmark = pytest.mark.django_db

PRACTICES = [
    # (title, CBS code, text): every text says "gemeente", as every real case does
    ("Teamleren in Emmen", "GM0114", "De gemeente leert van fouten in het team."),
    ("Zelfsturende teams in Arnhem", "GM0202", "Zelfsturende teams in de gemeente Arnhem."),
    ("Zelfsturende teams in Utrecht", "GM0344", "Zelfsturende teams bij de gemeente Utrecht."),
    ("Wijkteams in Ede", "GM0228", "Wijkteams van de gemeente Ede werken samen."),
    ("Keukentafel in Den Haag", "GM0518", "De gemeente voert het gesprek aan de keukentafel."),
    ("Dorpen in Súdwest-Fryslân", "GM1900", "De gemeente werkt met dorpscoöperaties."),
    ("Duinen en jeugd", "GM0373", "De gemeente Bergen helpt jongeren aan de kust."),
    ("Maas en mantelzorg", "GM0893", "De gemeente Bergen steunt mantelzorgers."),
    ("Leren in Zwolle", "GM0193", "De gemeente Zwolle leert met inwoners."),
    ("Leren in Kampen", "GM0166", "De gemeente Kampen leert met inwoners."),
    ("Tijd voor reflectie", "GM0546", "Het team neemt elke week tijd voor reflectie op het werk."),
    ("Reflectie kost tijd", "GM0503", "Reflectie op het werk kost tijd, zeggen de collega's."),
    (
        "Mantelzorgers en vrijwilligers",
        "GM0363",
        "Vrijwilligers helpen mantelzorgers; mantelzorgers helpen vrijwilligers; vrijwilligers.",
    ),
    (
        "Een lange dag in de wijk",
        "GM0599",
        "Op een lange dag in de wijk praten we over veel: de buurt, het buurthuis, de straat, "
        "buurtsport, de vrijwilligers die er werken en de mantelzorgers die er wonen.",
    ),
]


@pytest.fixture(scope="module")
def pages(module_practice_index):
    return {
        title: make_practice(
            module_practice_index,
            title,
            municipality=Municipality.objects.get(cbs_code=code),
            summary=text,
        ).id
        for title, code, text in PRACTICES
    }


def read(query, **filters):
    return search(SearchParams(query=query, filters=filters, interpret=True))


def titles(results):
    return {hit.title for hit in results.hits}


def test_gemeente_emmen_lists_the_practices_of_emmen_not_every_page_saying_gemeente(pages):
    results = read("gemeente Emmen")
    assert titles(results) == {"Teamleren in Emmen"}
    assert results.params.filters["municipality"] == ("GM0114",)
    assert [str(place) for place in results.reading.places] == ["gemeente Emmen"]


def test_the_place_is_named_in_the_visitors_language_whichever_language_read_the_names_first(
    pages,
):
    # the names are kept across requests (and so languages) until the content changes: a visitor
    # of the English site reading them first must not leave "municipality" on the Dutch site
    with translation.override("en"):
        english = read("gemeente Emmen").reading.places
        assert [str(place) for place in english] == ["municipality Emmen"]
    with translation.override("nl"):
        assert [str(place) for place in read("gemeente Emmen").reading.places] == ["gemeente Emmen"]
        assert [str(place) for place in english] == ["gemeente Emmen"]


def test_a_province_in_the_question_filters_and_the_other_words_are_searched(pages):
    results = read("Zelfsturende teams Gelderland")
    assert titles(results) == {"Zelfsturende teams in Arnhem"}
    assert results.params.query == "Zelfsturende teams"
    assert results.params.filters["province"] == ("gelderland",)
    # Counts stay exact: each municipality counts what adding it would give with the province.
    counts = {value.value: value.count for value in results.facets["municipality"]}
    assert counts["GM0202"] == 1 and counts.get("GM0344", 0) == 0
    provinces = {value.value: value.count for value in results.facets["province"]}
    assert provinces["utrecht"] == 1  # the province facet is disjunctive, as always


def test_everyday_and_province_names_are_read_too(pages):
    assert titles(read("Den Haag")) == {"Keukentafel in Den Haag"}
    assert titles(read("Friesland")) == {"Dorpen in Súdwest-Fryslân"}
    assert titles(read("dorpscoöperatie fryslân")) == {"Dorpen in Súdwest-Fryslân"}


def test_a_name_two_municipalities_share_is_suggested_with_counts_not_guessed(pages):
    results = read("Bergen")
    assert "municipality" not in results.params.filters
    suggested = {str(s.place): s.count for s in results.reading.suggestions}
    assert suggested == {"gemeente Bergen (NH.)": 1, "gemeente Bergen (L.)": 1}


def test_a_place_with_nothing_for_the_other_words_falls_back_to_all_words(pages):
    results = read("keukentafel Emmen")
    assert "municipality" not in results.params.filters
    assert [str(place) for place in results.reading.not_found] == ["gemeente Emmen"]


def test_a_filter_the_visitor_chose_is_not_overruled(pages):
    results = read("Emmen", municipality=("GM0193",))
    assert results.params.filters["municipality"] == ("GM0193",)
    assert results.reading is None


def test_the_search_page_says_how_it_read_the_question_and_offers_the_words_as_typed(client, pages):
    html = client.get("/zoeken/", {"q": "gemeente Emmen"}).content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "je ziet de resultaten in gemeente Emmen ×" in text  # the filter, and how to remove it
    chip = re.search(r'<a class="utrecht-link search__chip" href="([^"]*)"', html)
    literal = chip.group(1).replace("&amp;", "&")
    assert "literal=1" in literal
    assert "municipality" not in literal
    html = client.get("/zoeken/" + literal).content.decode()
    assert "je ziet de resultaten in" not in html
    assert "Teamleren in Emmen" in html


def test_the_search_page_suggests_each_bergen(client, pages):
    html = client.get("/zoeken/", {"q": "Bergen"}).content.decode()
    assert "Praktijkvoorbeelden in gemeente Bergen (NH.)?" in html
    assert "municipality=GM0893" in html


def literal(query):
    return search(SearchParams(query=query))


def test_a_word_in_most_pages_never_decides_the_loosened_pass_alone(pages):
    # Every page says "gemeente"; all words find three pages, so the search loosens: the pages
    # that only say "gemeente" must not come in with it.
    assert titles(literal("gemeente mantelzorgers")) == {
        "Maas en mantelzorg",
        "Mantelzorgers en vrijwilligers",
        "Een lange dag in de wijk",
    }


def test_a_quoted_phrase_matches_as_a_phrase(pages):
    assert titles(literal('"tijd voor reflectie"')) == {"Tijd voor reflectie"}
    assert titles(literal("tijd voor reflectie")) >= {"Tijd voor reflectie", "Reflectie kost tijd"}
    assert titles(literal('werk "tijd voor reflectie"')) == {"Tijd voor reflectie"}


def test_pages_matching_every_word_rank_above_pages_matching_some(pages):
    results = literal("mantelzorgers vrijwilligers buurtsport")
    ranked = [hit.title for hit in results.hits]
    assert ranked[0] == "Een lange dag in de wijk"
    assert "Mantelzorgers en vrijwilligers" in ranked[1:]


def what_the_visitor_sees(results):
    return [hit.title for hit in results.hits], results.count, results.facets, results.relaxations


@pytest.mark.parametrize(
    "query",
    [
        "gemeente mantelzorgers",
        "mantelzorgers gemeente",  # the common word second: its bit must not decide
        "mantelzorgers vrijwilligers buurtsport",
        "tijd voor werk",
    ],
)
def test_loosened_searches_find_the_same_with_or_without_the_word_bitmask(
    pages, monkeypatch, query
):
    # The database gives each page's words as a bitmask so a loosened search needs no query per
    # word; counted per word instead (as past 62 words), the visitor must see the same.
    with_mask = what_the_visitor_sees(literal(query))
    assert with_mask[1] > 0
    monkeypatch.setattr(database, "MAX_MASKED_GROUPS", 1)
    assert what_the_visitor_sees(literal(query)) == with_mask


def test_a_question_of_more_words_than_a_bitmask_holds_is_answered(client, pages):
    # A word on a page and 63 two-letter words that are no stop words (the 200 characters a query
    # may have): no page holds them all, so the search loosens over 64 groups.
    filler = " ".join(f"{a}{b}" for a in "qxzv" for b in "bcdfghjklmnpqrstvwxz")
    query = ("wijk " + filler)[:200]
    assert len(query_plan(query, "nl", current_version()).groups) >= 64  # more than a bigint holds
    response = client.get("/api/v1/search", {"q": query})
    assert response.status_code == 200
    assert response.json()["count"] == len(response.json()["results"])  # one word of 64: none


def test_the_database_gives_each_page_the_words_it_holds_as_a_match_per_word_would(pages):
    plan = query_plan("mantelzorgers vrijwilligers buurtsport gemeente", "nl", current_version())
    locale_id = Locale.objects.get(language_code="nl").id
    engine = DatabaseEngine()
    rows = engine.match(plan, "nl", locale_id)
    per_word = [
        {row[0] for row in engine.match(QueryPlan(plan.language, (group,)), "nl", locale_id)}
        for group in plan.groups
    ]
    assert len({frozenset(pages) for pages in per_word}) == len(plan.groups)  # all different
    for position, pages_of_word in enumerate(per_word):
        assert {row[0] for row in rows if row[3] >> position & 1} == pages_of_word
    assert all(row[2] == row[3].bit_count() for row in rows)  # the count ranks; it must agree


@pytest.mark.parametrize("share", [0.0, 2.0])  # left out before the body is read, or after
@pytest.mark.parametrize(
    "query", ["mantelzorgers vrijwilligers", "gemeente mantelzorgers", "tijd reflectie werk"]
)
def test_a_loosened_match_that_reuses_the_every_word_pages_holds_what_matching_anew_holds(
    pages, monkeypatch, share, query
):
    # A loosened search matched every word first; matching any word then skips those pages
    # (their groups are all known) instead of reading them again.
    monkeypatch.setattr(database, "KNOWN_FIRST_SHARE", share)
    plan = query_plan(query, "nl", current_version())
    locale_id = Locale.objects.get(language_code="nl").id
    engine = DatabaseEngine()
    complete = engine.match(plan, "nl", locale_id, require_all=True)
    assert complete  # some page holds every word
    anew = engine.match(plan, "nl", locale_id)
    reused = engine.match(plan, "nl", locale_id, complete=complete)
    assert len(anew) > len(complete)  # and some only a few of them
    assert sorted((row[0], *row[2:]) for row in reused) == sorted(
        (row[0], *row[2:]) for row in anew
    )
