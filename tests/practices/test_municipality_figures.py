"""CBS key figures per municipality, "Gemeenten zoals …", the "inwonersklasse" facet and the
"lijkt op mijn gemeente" filter, in search, listings and the API."""

import datetime
import shutil

import pytest
from django.core.management import CommandError, call_command

from changes.version import current_version
from practices.figures import FIRST_EDITION, figures_table, size_class
from practices.models import Municipality, MunicipalityFigures, Theme
from tests.conftest import practice_index_page
from tests.database import reloaded
from tests.factories import make_practice

DELFT, LEIDEN, AMSTERDAM, ROTTERDAM, VLIELAND = "GM0503", "GM0546", "GM0363", "GM0599", "GM0096"


@pytest.fixture(scope="module")
def content(module_db):
    """Five practices in municipalities whose CBS size class and similar municipalities are known."""
    index = practice_index_page()
    youth = Theme.objects.get(slug="jeugdzorg", locale__language_code="nl")
    purpose = Theme.objects.get(slug="de-bedoeling", locale__language_code="nl")
    places = {
        m.cbs_code: m
        for m in Municipality.objects.filter(
            cbs_code__in=[DELFT, LEIDEN, AMSTERDAM, ROTTERDAM, VLIELAND]
        )
    }
    cases = [
        ("Leiden leert van de wijk", LEIDEN, youth, 2020),
        ("Delft werkt met de wijkteams", DELFT, youth, 2019),
        ("Amsterdam vraagt naar de bedoeling", AMSTERDAM, purpose, 2021),
        ("Vlieland regelt jeugdzorg op het eiland", VLIELAND, youth, 2018),
        ("Rotterdam schrapt regels", ROTTERDAM, purpose, 2017),
    ]
    for title, code, theme, year in cases:
        make_practice(
            index,
            title,
            municipality=places[code],
            themes=[theme],
            practice_date=datetime.date(year, 3, 1),
        )
    return {"index": index}


@pytest.fixture
def site(content, db):
    return reloaded(content)


def api(client, query):
    response = client.get("/api/v1/search?" + query)
    assert response.status_code == 200, response.content
    return response.json()


def counts(data, facet):
    return {value["value"]: value["count"] for value in data["facets"][facet]}


# --- the figures ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_figures_are_loaded_for_every_current_municipality():
    current = Municipality.objects.filter(is_current=True)
    assert current.count() == 342
    assert MunicipalityFigures.objects.filter(municipality__in=current, year=2024).count() == 342
    total = sum(MunicipalityFigures.objects.values_list("inhabitants", flat=True))
    assert total == 17_942_942  # the national population on 1 January 2024 (CBS)
    amsterdam = MunicipalityFigures.objects.get(municipality__cbs_code=AMSTERDAM)
    assert (amsterdam.inhabitants, amsterdam.density) == (931_298, 4950)


def test_size_classes_follow_cbs_boundaries():
    assert size_class(4_999) == "tot-5000"
    assert size_class(5_000) == "5000-10000"
    assert size_class(49_999) == "20000-50000"
    assert size_class(100_000) == "100000-150000"
    assert size_class(249_999) == "150000-250000"
    assert size_class(250_000) == "250000-of-meer"


@pytest.mark.django_db
def test_similar_municipalities_of_known_pairs():
    similar = figures_table().similar
    # The two smallest Wadden islands of Fryslân (about 1,000 inhabitants, under 35 per km²).
    assert similar[VLIELAND][0] == "GM0088"  # Schiermonnikoog
    assert similar["GM0088"][0] == VLIELAND
    # Two university towns of Zuid-Holland of 110,000–130,000 at about 5,000 per km².
    assert similar[DELFT][0] == LEIDEN
    assert similar[LEIDEN][0] == DELFT
    # The largest city's closest match is the second largest, not a town of 60,000.
    assert similar[AMSTERDAM][0] == ROTTERDAM
    assert "GM0203" not in similar[AMSTERDAM]  # Barneveld
    assert all(len(codes) == 8 and code not in codes for code, codes in similar.items())


@pytest.mark.django_db
def test_figures_are_read_once_per_content_version(django_assert_num_queries):
    figures_table()
    with django_assert_num_queries(1):  # only the content version
        table = figures_table()
    assert len(table.figures) == 342


# --- the municipality page ---------------------------------------------------------------------


def test_municipality_page_shows_its_figures_with_the_source(client, site):
    html = client.get("/gemeente/delft/").content.decode()
    figures = html.split('id="figures-heading"')[1]
    assert "109.577" in figures  # inhabitants
    assert "4.835" in figures  # per km² land
    assert "100.000 tot 150.000 inwoners" in figures
    assert "Bron: CBS" in figures


def test_municipality_page_lists_similar_municipalities_with_their_cases(client, site):
    html = client.get("/gemeente/delft/").content.decode()
    similar = html.split('id="similar-heading"')[1]
    assert "Gemeenten zoals Delft" in html
    assert similar.index('href="/gemeente/leiden/">Leiden</a>') < similar.index("Schiedam")
    leiden_row = similar.split('href="/gemeente/leiden/">Leiden</a>')[1].split("</tr>")[0]
    assert leiden_row.endswith('numeric">1</td>')
    assert f'href="/zoeken/?similar_to={DELFT}">1 praktijkvoorbeeld uit gemeenten zoals Delft' in (
        similar
    )
    assert "Hoe kiezen we deze gemeenten?" in similar


# --- the size-class facet ----------------------------------------------------------------------


def test_size_class_facet_counts_are_exact_and_disjunctive(client, site):
    data = api(client, "size_class=100000-150000")
    assert data["count"] == 2
    assert {hit["title"] for hit in data["results"]} == {
        "Leiden leert van de wijk",
        "Delft werkt met de wijkteams",
    }
    # Other classes still count what choosing them as well would add.
    assert counts(data, "size_class") == {"tot-5000": 1, "100000-150000": 2, "250000-of-meer": 2}
    combined = api(client, "size_class=100000-150000&theme=jeugdzorg")
    assert combined["count"] == 2
    assert counts(combined, "size_class") == {"tot-5000": 1, "100000-150000": 2}
    assert counts(combined, "theme")["jeugdzorg"] == 2
    assert api(client, "size_class=tot-5000&size_class=250000-of-meer")["count"] == 3


def test_size_classes_are_listed_from_small_to_large(client, site):
    values = [v["value"] for v in api(client, "")["facets"]["size_class"]]
    assert values == ["tot-5000", "100000-150000", "250000-of-meer"]
    labels = [v["label"] for v in api(client, "")["facets"]["size_class"]]
    assert labels[0] == "minder dan 5.000 inwoners"


def test_practice_listing_filters_by_size_class(client, site):
    html = client.get(site["index"].url + "?size_class=tot-5000").content.decode()
    assert "Vlieland regelt jeugdzorg op het eiland" in html
    assert "Delft werkt met de wijkteams" not in html
    assert "Inwonersklasse" in html


# --- "lijkt op mijn gemeente" ------------------------------------------------------------------


def test_like_my_municipality_finds_and_marks_cases_from_similar_municipalities(client, site):
    data = api(client, f"similar_to={DELFT}")
    # Leiden is Delft's most similar municipality; Delft itself and the big cities are not.
    assert [hit["title"] for hit in data["results"]] == ["Leiden leert van de wijk"]
    assert data["results"][0]["similar_to"] == [{"value": DELFT, "label": "Delft"}]
    either = api(client, f"similar_to={DELFT}&similar_to={AMSTERDAM}")
    assert {hit["title"] for hit in either["results"]} == {
        "Leiden leert van de wijk",
        "Rotterdam schrapt regels",
    }
    assert counts(either, "similar_to")[AMSTERDAM] == 1
    # Without the filter nothing is marked.
    assert all(hit["similar_to"] == [] for hit in api(client, "")["results"])


@pytest.mark.parametrize("value", ["503", "gm503", "delft"])
def test_like_my_municipality_takes_a_short_code_or_the_page_name(client, site, value):
    data = api(client, f"similar_to={value}")
    assert [hit["title"] for hit in data["results"]] == ["Leiden leert van de wijk"]


def test_search_page_and_listing_mark_cases_like_my_municipality(client, site):
    page = client.get(f"/zoeken/?similar_to={DELFT}").content.decode()
    assert "Lijkt op Delft" in page
    listing = client.get(site["index"].url + f"?similar_to={DELFT}").content.decode()
    assert "Lijkt op Delft" in listing
    assert "Delft werkt met de wijkteams" not in listing


@pytest.mark.parametrize("value", ["GM9999", "GM0738", "12345"])  # unknown, former (Aalburg), junk
def test_unknown_municipality_code_gets_a_clear_message(client, site, value):
    response = client.get(f"/api/v1/search?similar_to={value}")
    assert response.status_code == 400
    problem = response.json()
    assert problem["invalid-params"][0]["name"] == "similar_to"
    assert "Onbekende gemeente" in problem["invalid-params"][0]["reason"]
    page = client.get(f"/zoeken/?q=wijk&similar_to={value}")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Onbekende gemeente" in html
    assert 'value="wijk"' in html  # the typed query is kept
    assert client.get(site["index"].url + f"?similar_to={value}").status_code == 200


# --- loading a newer CBS edition ----------------------------------------------------------------


def snapshot():
    return list(
        MunicipalityFigures.objects.order_by("municipality_id").values_list(
            "municipality_id", "year", "inhabitants", "density", "dwellings", "land_area_ha"
        )
    )


def edited_copy(tmp_path, edit):
    lines = FIRST_EDITION.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "kerncijfers.csv"
    path.write_text("\n".join(edit(lines)) + "\n", encoding="utf-8")
    return path


def set_cell(line, column, value):
    cells = line.split(",")
    cells[column] = value
    return ",".join(cells)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "edit, message",
    [
        (
            lambda lines: [*lines[:4], set_cell(lines[4], 3, "veel"), *lines[5:]],
            "regel 5: inwoners: 'veel' is geen geheel getal",
        ),
        (lambda lines: [*lines, lines[1]], "regel 344: cbs_code: GM0014 staat ook op regel 2"),
        (
            lambda lines: [*lines, "GM9999,Nergens,Utrecht,10,1,1,1,1"],
            "regel 344: cbs_code: GM9999 is geen huidige gemeente",
        ),
        (lambda lines: lines[:-1], "1 huidige gemeente(n) ontbreken"),
        (
            lambda lines: [lines[0].replace("inwoners", "bewoners"), *lines[1:]],
            "regel 1: kolommen ontbreken: inwoners",
        ),
        (
            lambda lines: [*lines[:2], set_cell(lines[2], 6, "0"), *lines[3:]],
            "regel 3: oppervlakte_land_ha: moet groter dan 0 zijn",
        ),
    ],
)
def test_load_command_refuses_a_malformed_file_and_changes_nothing(tmp_path, edit, message):
    before, version = snapshot(), current_version()
    path = edited_copy(tmp_path, edit)
    with pytest.raises(CommandError) as refused:
        call_command("load_municipality_figures", str(path), year=2025)
    assert message in str(refused.value)
    assert "niets geladen" in str(refused.value)
    assert snapshot() == before
    assert current_version() == version


@pytest.mark.django_db
def test_load_command_loads_a_newer_edition(tmp_path):
    version = current_version()
    amsterdam = next(
        i for i, line in enumerate(FIRST_EDITION.read_text().splitlines()) if AMSTERDAM in line
    )

    def grow(lines):
        lines[amsterdam] = set_cell(lines[amsterdam], 3, "950000")
        return lines

    call_command("load_municipality_figures", str(edited_copy(tmp_path, grow)), year=2025)
    figures = MunicipalityFigures.objects.get(municipality__cbs_code=AMSTERDAM)
    assert (figures.year, figures.inhabitants) == (2025, 950_000)
    assert MunicipalityFigures.objects.filter(year=2025).count() == 342
    assert current_version() != version  # caches, the facet index and pages see the new figures
    assert figures_table().figures[AMSTERDAM].inhabitants == 950_000


@pytest.mark.django_db
def test_load_command_refuses_an_older_edition(tmp_path):
    path = tmp_path / "oud.csv"
    shutil.copy(FIRST_EDITION, path)
    with pytest.raises(CommandError, match="2024; 2020 is ouder"):
        call_command("load_municipality_figures", str(path), year=2020)


@pytest.mark.django_db
def test_openapi_document_describes_the_new_filters(client):
    operation = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/search"]["get"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert "250000-of-meer" in parameters["size_class"]["description"]
    assert "Een onbekende waarde geeft 400" in parameters["similar_to"]["description"]
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    marked = schema["properties"]["results"]["items"]["properties"]["similar_to"]
    assert "markering" in marked["description"]
