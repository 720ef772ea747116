"""What search engines and social sites read in a page's head: canonical, hreflang, OpenGraph, JSON-LD."""

import json
from html.parser import HTMLParser


class Head(HTMLParser):
    """Collects <link>, <meta> and JSON-LD blocks of a page."""

    def __init__(self, html):
        super().__init__()
        self.links, self.meta, self.json_ld = [], {}, []
        self._in_json_ld = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link":
            self.links.append(attrs)
        elif tag == "meta" and "property" in attrs:
            self.meta.setdefault(attrs["property"], []).append(attrs.get("content"))
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld = True

    def handle_endtag(self, tag):
        self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(json.loads(data))

    def canonical(self):
        return [link["href"] for link in self.links if link.get("rel") == "canonical"]

    def hreflang(self):
        return {
            link["hreflang"]: link["href"]
            for link in self.links
            if link.get("rel") == "alternate" and "hreflang" in link
        }


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return Head(response.content.decode())


def test_practice_page_names_its_own_absolute_address_as_canonical(client, practice):
    head = head_of(client, practice.url + "?utm_source=nieuwsbrief")
    assert head.canonical() == [f"http://testserver{practice.url}"]


def test_translated_practice_points_at_both_language_versions(client, english_practice):
    head = head_of(client, english_practice.url)
    versions = head.hreflang()
    assert versions["en"] == f"http://testserver{english_practice.url}"
    assert versions["nl"].startswith("http://testserver/praktijkvoorbeelden/")
    assert versions["x-default"] == versions["nl"]


def test_untranslated_practice_claims_no_english_version(client, practice):
    assert head_of(client, practice.url).hreflang() == {}


def test_practice_page_has_an_opengraph_article_card(client, practice):
    meta = head_of(client, practice.url).meta
    assert meta["og:type"] == ["article"]
    assert meta["og:title"] == [practice.title]
    assert meta["og:description"] == [practice.summary]
    assert meta["og:url"] == [f"http://testserver{practice.url}"]
    assert meta["og:locale"] == ["nl_NL"]
    assert meta["article:tag"] == ["De bedoeling"]
    assert meta["article:published_time"][0].startswith(str(practice.first_published_at.year))


def test_home_page_has_a_website_card_in_english_on_the_english_site(client, english_home):
    meta = head_of(client, "/en/").meta
    assert meta["og:type"] == ["website"]
    assert meta["og:locale"] == ["en_GB"]
    assert meta["og:locale:alternate"] == ["nl_NL"]


def test_practice_page_describes_itself_as_a_schema_org_article(client, practice):
    (data,) = head_of(client, practice.url).json_ld
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Article"
    assert data["headline"] == practice.title
    assert data["url"] == f"http://testserver{practice.url}"
    assert data["inLanguage"] == "nl"
    assert data["datePublished"] == practice.first_published_at.isoformat()
    assert data["temporalCoverage"] == "2016-03-01"
    assert [term["name"] for term in data["about"]] == ["De bedoeling"]
    assert data["spatialCoverage"]["name"] == "Barneveld"
    assert data["spatialCoverage"]["identifier"] == "GM0203"
    assert data["spatialCoverage"]["containedInPlace"]["name"] == "Gelderland"
    assert data["audience"] == [{"@type": "Audience", "audienceType": "Wmo-consulent"}]


def test_json_ld_cannot_be_broken_out_of_by_a_title(client, practice):
    practice.title = "Einde </script><script>alert(1)</script>"
    practice.save_revision().publish()
    response = client.get(practice.url)
    html = response.content.decode()
    assert "</script><script>alert(1)" not in html
    (data,) = Head(html).json_ld
    assert data["name"] == practice.title


def test_home_page_carries_no_article_json_ld(client, home_page):
    assert head_of(client, "/").json_ld == []


def test_practice_head_costs_the_same_queries_for_one_term_or_many(
    rf, practice, practice_index, places, themes
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from practices.models import Municipality, ProfessionalGroup, Theme
    from seo.metadata import head_metadata
    from tests.factories import make_practice

    many = make_practice(
        practice_index,
        "Veel thema's en gemeenten",
        municipality=places["ede"],
        themes=list(Theme.objects.filter(locale=practice.locale)[:6]),
        professional_groups=list(ProfessionalGroup.objects.filter(locale=practice.locale)[:4]),
        involved=list(Municipality.objects.exclude(pk=places["ede"].pk)[:5]),
    )
    counts = []
    for page in (practice, many):
        request = rf.get(page.url)
        head_metadata({"request": request, "page": page})  # warms Wagtail's per-request caches
        with CaptureQueriesContext(connection) as queries:
            head_metadata({"request": request, "page": page})
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
