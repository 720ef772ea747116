"""A practice with a hero image shows it on its card; a practice without one shows no empty frame."""

import re

import wagtail_factories

from practices.models import Municipality
from tests.factories import make_practice


def card(html, title):
    start = html.rindex('<li class="practice-card"', 0, html.index(title))
    return html[start : html.index("</li>", html.index(title))]


def test_cards_show_the_hero_image_of_a_practice_that_has_one(client, practice_index):
    ede = Municipality.objects.get(cbs_code="GM0228")
    image = wagtail_factories.ImageFactory(title="Team aan tafel")
    make_practice(
        practice_index,
        "Ede met een foto",
        municipality=ede,
        hero_image=image,
        hero_image_alt="Het team aan tafel",
    )
    make_practice(practice_index, "Ede zonder foto", municipality=ede)
    html = client.get(f"/gemeente/{ede.slug}/").content.decode()
    with_image = card(html, "Ede met een foto")
    assert re.search(r'<img[^>]*class="practice-card__image"', with_image)
    assert 'alt=""' in with_image  # the title next to it says what the card is
    assert "practice-card__image" not in card(html, "Ede zonder foto")
