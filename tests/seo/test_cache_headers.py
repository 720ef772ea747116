"""Anonymous visitors get cacheable pages with an ETag; editors, previews and forms never do."""

import pytest
from django.core.cache import cache

from contributions.models import ContributionFormPage


@pytest.fixture
def server_cache(settings):
    settings.PAGE_CACHE_SERVER_SIDE = True
    cache.clear()
    yield
    cache.clear()


def directives(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def test_anonymous_visitor_gets_a_publicly_cacheable_practice_page(client, practice, settings):
    response = client.get(practice.url)
    assert response.status_code == 200
    assert {
        "public",
        f"max-age={settings.PAGE_BROWSER_CACHE_SECONDS}",
        f"s-maxage={settings.PAGE_CACHE_SECONDS}",
    } <= directives(response)
    assert response["ETag"].startswith('"')
    assert "Cookie" in response["Vary"]
    assert not response.cookies


def test_repeat_visit_with_the_etag_gets_304_without_a_body(client, practice):
    etag = client.get(practice.url)["ETag"]
    response = client.get(practice.url, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""


def test_changed_page_gets_a_new_etag(client, practice):
    etag = client.get(practice.url)["ETag"]
    practice.summary = "Een nieuwe samenvatting."
    practice.save_revision().publish()
    response = client.get(practice.url, headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_logged_in_editor_never_gets_a_shared_cacheable_page(client, practice, admin_user):
    client.force_login(admin_user)
    response = client.get(practice.url)
    assert response.status_code == 200
    assert "public" not in directives(response)
    assert {"private", "no-cache"} <= directives(response)


def test_preview_in_the_admin_is_never_cached(client, practice, admin_user):
    client.force_login(admin_user)
    response = client.get(f"/admin/pages/{practice.pk}/view_draft/")
    assert response.status_code == 200
    assert "public" not in directives(response)
    assert "private" in directives(response) or "no-cache" in directives(response)


def test_page_with_a_csrf_protected_form_stays_fresh(client, home_page):
    form_page = ContributionFormPage(title="Deel je praktijkvoorbeeld", slug="deel-je-voorbeeld")
    home_page.add_child(instance=form_page)
    form_page.save_revision().publish()
    response = client.get(form_page.url)
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert "public" not in directives(response)
    assert {"no-cache", "no-store", "private"} <= directives(response)


def test_not_found_page_is_not_marked_cacheable(client, home_page):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "public" not in directives(response)


def test_second_anonymous_visit_is_served_from_the_server_cache(client, practice, server_cache):
    first = client.get(practice.url)
    second = client.get(practice.url)
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_publishing_a_change_drops_the_server_cache_at_once(client, practice, server_cache):
    client.get(practice.url)
    practice.title = "Barneveld schaft interne doorbelasting af"
    practice.save_revision().publish()
    response = client.get(practice.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Barneveld schaft interne doorbelasting af" in response.content.decode()


def test_visitor_with_a_session_bypasses_the_server_cache(client, practice, server_cache):
    client.get(practice.url)
    client.cookies["sessionid"] = "iets"
    response = client.get(practice.url)
    assert "X-Page-Cache" not in response
    assert "public" not in directives(response)
