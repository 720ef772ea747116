"""A form sent without a valid CSRF token (a page left open for days, blocked cookies) is refused,
but the person keeps everything typed and can send it again with one click."""

import re

import pytest
from django.test import Client

from tests.contributions.helpers import assert_nothing_created, assert_text_kept, counts


@pytest.fixture
def strict_client():
    return Client(enforce_csrf_checks=True)


def test_refused_form_comes_back_filled_in_with_a_clear_message(
    strict_client, site_with_form, valid_data
):
    before = counts()
    response = strict_client.post(site_with_form["form_page"].url, valid_data)
    assert response.status_code == 403
    html = response.content.decode()
    assert "Je formulier is niet verzonden" in html
    assert_text_kept(response, valid_data)
    assert_nothing_created(before)


def test_sending_the_refused_form_again_works(strict_client, site_with_form, valid_data):
    refused = strict_client.post(site_with_form["form_page"].url, valid_data)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', refused.content.decode())
    assert token, "the refused form carries a fresh token"
    before = counts()
    response = strict_client.post(
        site_with_form["form_page"].url,
        {**valid_data, "csrfmiddlewaretoken": token.group(1)},
    )
    assert response.status_code == 302
    assert counts() != before


def test_other_refused_forms_get_a_friendly_page_not_a_bare_403(strict_client, site_with_form):
    response = strict_client.post("/zoeken/", {"q": "keukentafel"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Formulier niet verzonden" in html
    assert 'lang="nl"' in html
