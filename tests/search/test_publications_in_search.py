"""Publications in the site search: found by a word in their files, shown as a publication with the page
it is on, counted in their own "type" facet value; never drafts, private pages or another language;
and the practice listings keep counting practices only."""

import pytest
from wagtail.models import PageViewRestriction

from practices.listings import facet_counts
from tests.database import reloaded
from tests.publications.conftest import (  # noqa: F401 - fixtures
    REPORT_PAGES,
    module_publication_index,
    publication_index,
)
from tests.publications.helpers import make_document, make_publication, pdf_bytes

pytestmark = pytest.mark.django_db

PAGE_3_WORD = "kwartiermakersoverleg"  # only on page 3 of the report (REPORT_PAGES)
HIDDEN_WORD = "zoutmijnverslag"  # only in the draft and the private publication


def hidden_pages():
    return [("Intern", ["Niet openbaar."]), ("Verslag", [f"Het {HIDDEN_WORD} van de raad."])]


@pytest.fixture(scope="module")
def module_publications(module_publication_index, module_practices, module_terms):  # noqa: F811
    """The demo-like 2015 report (4 pages), a draft and a private publication with a hidden word,
    made once for the module."""
    index, practices, terms = module_publication_index, module_practices, module_terms
    report = make_publication(
        index,
        "Overheidsprofessionals werken aan nieuwe rollen",
        documents=[make_document("Rapport", "rapport.pdf", pdf_bytes(REPORT_PAGES))],
        themes=[terms["jeugd"]],
        summary="Tips voor zelflerende organisaties, met veel praktijkvoorbeelden.",
    )
    make_publication(
        index,
        "Concept van een rapport",
        documents=[make_document("Concept", "concept.pdf", pdf_bytes(hidden_pages()))],
        publish=False,
    )
    private = make_publication(
        index,
        "Intern verslag",
        documents=[make_document("Intern", "intern.pdf", pdf_bytes(hidden_pages()))],
    )
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    return {"report": report, "practices": practices}


@pytest.fixture
def publications(module_publications, db):
    return reloaded(module_publications)


def facet(data, name):
    return {item["value"]: item["count"] for item in data["facets"][name]}


def test_word_on_page_3_of_a_publication_is_found_on_the_search_page(client, publications):
    response = client.get("/zoeken/", {"q": PAGE_3_WORD})
    html = response.content.decode()
    assert response.status_code == 200
    assert publications["report"].title in html
    assert '<span class="search__hit-type">Publicatie</span>' in html
    assert "op p. 3" in html
    assert f"<mark>{PAGE_3_WORD}</mark>" in html.lower()


def test_api_gives_the_publication_its_type_and_page(client, publications):
    data = client.get("/api/v1/search", {"q": PAGE_3_WORD}).json()
    assert data["count"] == 1
    hit = data["results"][0]
    assert hit["title"] == publications["report"].title
    assert hit["type"] == "publicatie"
    assert hit["locations"][0]["pages"] == [3]
    assert f"<mark>{PAGE_3_WORD}</mark>" in hit["locations"][0]["excerpt"].lower()


def test_page_hit_links_to_that_page_of_the_pdf(client, publications):
    data = client.get("/api/v1/search", {"q": PAGE_3_WORD}).json()
    assert data["results"][0]["locations"][0]["url"].endswith("#page=3")
    html = client.get("/zoeken/", {"q": PAGE_3_WORD}).content.decode()
    assert '#page=3">Gevonden in' in html


def test_type_facet_counts_practices_and_publications(client, publications):
    data = client.get("/api/v1/search").json()
    practice_count = len(publications["practices"])
    assert facet(data, "type") == {"praktijkvoorbeeld": practice_count, "publicatie": 1}
    assert data["count"] == practice_count + 1


def test_type_filter_keeps_one_kind_and_the_other_kind_its_count(client, publications):
    only = client.get("/api/v1/search", {"type": "publicatie"}).json()
    assert [hit["title"] for hit in only["results"]] == [publications["report"].title]
    practices = client.get("/api/v1/search", {"type": "praktijkvoorbeeld"}).json()
    assert practices["count"] == len(publications["practices"])
    assert {hit["type"] for hit in practices["results"]} == {"praktijkvoorbeeld"}
    assert facet(practices, "type")["publicatie"] == 1  # disjunctive: what adding it would give


def test_type_facet_is_in_the_search_form(client, publications):
    html = client.get("/zoeken/").content.decode()
    assert 'name="type" value="publicatie"' in html
    assert 'name="type" value="praktijkvoorbeeld"' in html


def test_draft_and_private_publications_never_appear(client, publications):
    assert client.get("/api/v1/search", {"q": HIDDEN_WORD}).json()["count"] == 0
    html = client.get("/zoeken/", {"q": HIDDEN_WORD}).content.decode()
    assert "Concept van een rapport" not in html
    assert "Intern verslag" not in html
    listed = client.get("/api/v1/search", {"type": "publicatie", "page_size": 100}).json()
    assert [hit["title"] for hit in listed["results"]] == [publications["report"].title]


def test_english_search_does_not_return_a_dutch_only_publication(client, publications):
    assert client.get("/api/v1/search", {"q": PAGE_3_WORD, "lang": "en"}).json()["count"] == 0
    html = client.get("/en/search/", {"q": PAGE_3_WORD}).content.decode()
    assert publications["report"].title not in html


def test_practice_listings_keep_counting_practices_only(publications):
    # The report is about youth care too; the theme's practice count must not include it.
    counts, results = facet_counts("nl", "theme")
    assert counts["jeugdzorg"] == 1
    assert results.count == len(publications["practices"])
    assert all(hit.document_type == "praktijkvoorbeeld" for hit in results.hits)


def test_main_menu_links_to_the_publications(client, publications, publication_index):  # noqa: F811
    html = client.get("/").content.decode()
    menu = html[html.index('class="site-nav"') :]
    menu = menu[: menu.index("</nav>")]
    assert f'href="{publication_index.url}">Publicaties</a>' in menu
