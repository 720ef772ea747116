"""The English site as an English reader meets it: English term labels on Dutch-only cards, no
"0 practice examples" above Dutch cases, a language switch that says where it led, and plural forms."""

import re

from django.urls import reverse
from django.utils import translation


def english_url(name, slug):
    with translation.override("en"):
        return reverse(name, args=[slug])


def untranslated_part(html):
    return html.split('id="untranslated-heading"')[1]


def test_dutch_only_cards_show_the_english_labels_of_their_themes(client, cases):
    html = client.get(english_url("theme_detail", "youth-care")).content.decode()
    cards = untranslated_part(html)
    assert "Ede koopt jeugdzorg in op resultaat" in cards
    badges = re.findall(r'<li class="utrecht-data-badge">([^<]+)</li>', cards)
    assert "Youth care" in badges and "Purpose first" in badges
    assert "Jeugdzorg" not in badges and "De bedoeling" not in badges
    # The labels are English inside a Dutch card: their language is marked.
    assert re.search(r'<ul class="utrecht-badge-list"[^>]*lang="en"', cards)


def test_an_english_listing_with_only_dutch_cases_does_not_say_zero(client, cases):
    # No English case has the theme 'Youth care'; three Dutch ones do.
    html = client.get(english_url("theme_detail", "youth-care")).content.decode()
    count = re.search(r'id="listing-count">([^<]+)<', html).group(1)
    assert not count.startswith("0 "), count
    assert "3" in count
    assert html.count("practice-card__language") == 3


def test_the_language_switch_on_an_untranslated_page_leads_to_its_nearest_translated_page(
    client, cases
):
    dutch = cases["utrecht"]
    html = client.get(dutch.url).content.decode()
    switch = html[html.index('class="language-switcher"') :]
    href = re.search(r'<a class="utrecht-link" href="([^"]+)"[^>]*hreflang="en"', switch).group(1)
    english_index = cases["english"].get_parent()
    assert href.startswith(english_index.url), href
    landed = client.get(href)
    assert landed.status_code == 200
    page = landed.content.decode()
    notice = page[page.index("untranslated-notice") :]
    notice = notice[: notice.index("</div>")]
    assert dutch.title in notice
    assert f'href="{dutch.url}"' in notice


def test_a_bad_untranslated_parameter_is_ignored(client, cases):
    index = cases["english"].get_parent()
    for value in ("abc", "99999999", "1" * 40, "-1"):
        response = client.get(index.url, {"untranslated": value})
        assert response.status_code == 200
        assert "untranslated-notice" not in response.content.decode()


def test_english_counts_use_the_plural_form():
    # The catalogue's plural for "resultaat" was a copy of the singular ("4 result for …").
    with translation.override("en"):
        assert (
            translation.ngettext("%(counter)s resultaat", "%(counter)s resultaten", 4)
            % {"counter": 4}
            == "4 results"
        )
