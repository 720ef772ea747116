"""The site's own face: a logo mark (one SVG, in the header and as the site icon) and a home hero
whose two calls to action, searching and sharing a practice, come first."""

import re
from pathlib import Path

from django.conf import settings

from contributions.setup import ensure_contributions

STATIC = Path(settings.BASE_DIR) / "static"


def test_the_header_shows_the_logo_mark_and_the_site_icon_is_that_mark(client, home_page):
    html = client.get("/").content.decode()
    header = html[html.index("<header") : html.index("</header>")]
    assert re.search(r'<img class="site-header__logo" src="[^"]*img/logo\.svg" alt=""', header)
    assert re.search(r'<link rel="icon" href="[^"]*img/favicon\.svg"', html)
    logo = (STATIC / "img/logo.svg").read_text()
    icon = (STATIC / "img/favicon.svg").read_text()
    steps = re.search(r'<path d="([^"]+)"', logo).group(1)
    assert steps in icon  # one mark, in two colourings


def test_the_home_hero_offers_search_and_sharing_first(client, home_page):
    ensure_contributions()
    html = client.get("/").content.decode()
    hero = html[html.index('class="home-hero"') : html.index("</section>")]
    assert 'role="search"' in hero and 'name="q"' in hero
    assert "Deel je praktijkvoorbeeld" in hero
    assert "Bijvoorbeeld:" in hero and "?q=zelfsturende+teams+Gelderland" in hero
