"""Browsers, feed readers and bookmarks that ask for /favicon.ico get the site's icon."""

from django.contrib.staticfiles import finders


def test_favicon_ico_leads_to_the_site_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("/img/favicon.svg")
    assert finders.find("img/favicon.svg")


def test_every_page_declares_the_site_icon(client, home_page):
    html = client.get("/").content.decode()
    assert 'rel="icon"' in html and "favicon.svg" in html
