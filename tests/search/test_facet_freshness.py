"""Search counts facets from an in-memory index per process; every change an editor makes must show
in the very next search: publishing, unpublishing, restricting and renaming."""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from changes.version import new_version
from search import facet_index
from tests.factories import make_practice

pytestmark = pytest.mark.django_db


def facet(data, name):
    return {item["value"]: item["count"] for item in data["facets"][name]}


def search(client, **params):
    return client.get("/api/v1/search", params).json()


def test_a_newly_published_practice_is_counted_at_once(
    client, practices, practice_index, places, terms
):
    before = search(client)
    assert before["count"] == 3
    make_practice(
        practice_index,
        "Jeugdzorg inkopen in de regio",
        municipality=places["leiden"],
        themes=[terms["jeugd"]],
        practice_date=datetime.date(2024, 1, 1),
    )
    after = search(client)
    assert after["count"] == 4
    assert facet(after, "theme")["jeugdzorg"] == facet(before, "theme")["jeugdzorg"] + 1
    assert facet(after, "year")["2024"] == 1
    assert after["results"][0]["title"] == "Jeugdzorg inkopen in de regio"  # newest first


def test_an_unpublished_practice_disappears_from_results_and_counts(client, practices):
    assert "jeugdzorg" in facet(search(client), "theme")
    practices["inkoop"].unpublish()
    data = search(client, q="inkopers")
    assert data["count"] == 0
    assert "jeugdzorg" not in facet(search(client), "theme")


def test_a_view_restriction_hides_the_practice(client, practices):
    PageViewRestriction.objects.create(
        page=practices["keukentafel"], restriction_type=PageViewRestriction.LOGIN
    )
    data = search(client, q="keukentafel")
    assert data["count"] == 0
    assert "GM0518" not in facet(search(client), "municipality")


def test_a_renamed_theme_shows_its_new_name_in_the_facets(client, practices, terms):
    search(client)  # the index is built with the old name
    theme = terms["bedoeling"]
    theme.name = "Bedoeling voorop"
    theme.save()
    labels = {item["value"]: item["label"] for item in search(client)["facets"]["theme"]}
    assert labels["de-bedoeling"] == "Bedoeling voorop"


def test_another_process_sees_the_change_through_the_version_token(
    client, practices, practice_index, places, terms
):
    """A change made elsewhere (another worker) writes a new version; this process's index, built
    before, is not used again."""
    dutch = practice_index.locale_id
    search(client)
    built = facet_index._snapshots[dutch]
    new_version()
    search(client)
    assert facet_index._snapshots[dutch] is not built
