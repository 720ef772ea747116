"""sitemap.xml lists every live public page in both languages, with hreflang alternates."""

from xml.etree import ElementTree

from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ElementTree.fromstring(response.content)  # noqa: S314 (our own response)


def english_url(route, slug):
    with translation.override("en"):
        return "http://testserver" + reverse(route, kwargs={"slug": slug})


def locations(tree):
    return [loc.text for loc in tree.findall("s:url/s:loc", NS)]


def test_sitemap_lists_the_home_pages_and_practices_in_both_languages(client, english_practice):
    found = locations(sitemap(client))
    assert "http://testserver/" in found
    assert "http://testserver/en/" in found
    assert (
        "http://testserver/praktijkvoorbeelden/barneveld-stopt-met-interne-doorbelasting/" in found
    )
    assert f"http://testserver{english_practice.url}" in found


def test_sitemap_gives_each_language_version_as_hreflang_alternate(client, english_practice):
    tree = sitemap(client)
    for url in tree.findall("s:url", NS):
        if url.find("s:loc", NS).text == f"http://testserver{english_practice.url}":
            links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
            break
    else:
        raise AssertionError("the English practice is missing from the sitemap")
    assert links["en"] == f"http://testserver{english_practice.url}"
    assert links["nl"].endswith("/praktijkvoorbeelden/barneveld-stopt-met-interne-doorbelasting/")
    assert links["x-default"] == links["nl"]


def test_sitemap_leaves_out_drafts_and_private_pages(
    client, practice, draft_practice, private_practice
):
    found = " ".join(locations(sitemap(client)))
    assert practice.slug in found
    assert draft_practice.slug not in found
    assert private_practice.slug not in found


def test_sitemap_leaves_out_a_translation_that_is_not_published(client, practice, english_home):
    draft = practice.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    draft.title = "Nog niet gepubliceerde vertaling"
    draft.save_revision()
    found = locations(sitemap(client))
    assert not any(
        location.startswith("http://testserver/en/praktijkvoorbeelden/") for location in found
    )


def test_sitemap_gives_the_date_each_page_was_last_published(client, practice):
    tree = sitemap(client)
    for url in tree.findall("s:url", NS):
        if practice.slug in url.find("s:loc", NS).text:
            assert (
                url.find("s:lastmod", NS).text
                == timezone.localtime(practice.last_published_at).date().isoformat()
            )
            return
    raise AssertionError("practice missing from the sitemap")


def test_sitemap_lists_the_theme_and_municipality_pages_of_published_cases(
    client, english_practice, draft_practice
):
    found = locations(sitemap(client))
    assert "http://testserver/thema/de-bedoeling/" in found
    assert english_url("theme_detail", "purpose-first") in found
    assert "http://testserver/gemeente/barneveld/" in found
    assert not any(location.endswith("/thema/jeugdzorg/") for location in found)  # draft only
    assert not any(location.endswith("/gemeente/ede/") for location in found)


def test_theme_page_in_the_sitemap_names_its_english_version(client, english_practice):
    for url in sitemap(client).findall("s:url", NS):
        if url.find("s:loc", NS).text == "http://testserver/thema/de-bedoeling/":
            links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
            assert links["en"] == english_url("theme_detail", "purpose-first")
            return
    raise AssertionError("theme page missing from the sitemap")
