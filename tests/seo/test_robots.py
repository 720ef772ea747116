"""robots.txt keeps crawlers out of the admin and the search pages and points at the sitemap."""


def test_robots_txt_disallows_the_admin_and_points_at_the_sitemap(client, home_page):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_robots_txt_keeps_crawlers_out_of_endless_search_combinations(client, home_page):
    lines = client.get("/robots.txt").content.decode().splitlines()
    assert "Disallow: /zoeken/" in lines
    assert "Disallow: /en/search/" in lines


def test_robots_txt_does_not_hide_the_practices(client, home_page):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /\n" not in text
    assert "Disallow: /praktijkvoorbeelden" not in text
