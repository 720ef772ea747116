"""Every page below the home page says where it is: Home › … › this page (one breadcrumb component)."""

from contributions.setup import ensure_contributions


def breadcrumbs(html):
    start = html.index('<nav class="utrecht-breadcrumb-nav breadcrumbs"')
    return html[start : html.index("</nav>", start)]


def test_search_page_has_breadcrumbs_in_both_languages(client, home_page, english_home):
    crumbs = breadcrumbs(client.get("/zoeken/?q=leren").content.decode())
    assert 'href="/">Home</a>' in crumbs
    assert 'href="/zoeken/" aria-current="page">Zoeken</a>' in crumbs
    crumbs = breadcrumbs(client.get("/en/search/").content.decode())
    assert 'href="/en/"' in crumbs
    assert 'href="/en/search/" aria-current="page"' in crumbs


def test_contribution_form_has_breadcrumbs(client, home_page):
    ensure_contributions()
    crumbs = breadcrumbs(client.get("/deel-je-praktijkvoorbeeld/").content.decode())
    assert 'href="/">Home</a>' in crumbs
    assert 'aria-current="page">Deel je praktijkvoorbeeld</a>' in crumbs
