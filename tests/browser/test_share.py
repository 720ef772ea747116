"""Sharing and printing a practice: plain links for e-mail and LinkedIn, a copy-link button that
says it worked, a print button, and a printout without the buttons."""

from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.browser


def test_a_practice_can_be_shared_by_mail_linkedin_and_a_copied_link(page, site):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.url)
    page.goto(site.pages["practice"])
    address = page.url
    bar = page.locator("[data-share]")
    mail = bar.locator("a[href^='mailto:']").get_attribute("href")
    assert parse_qs(urlsplit(mail).query)["body"] == [address]
    assert parse_qs(urlsplit(mail).query)["subject"] == [site.pages["practice_title"]]
    linkedin = bar.locator("a[href*='linkedin.com']").get_attribute("href")
    assert parse_qs(urlsplit(linkedin).query)["url"] == [address]
    copy = bar.get_by_role("button", name="Kopieer link")
    copy.click()
    assert page.evaluate("() => navigator.clipboard.readText()") == address
    assert "gekopieerd" in bar.locator("[role=status]").inner_text()
    assert bar.get_by_role("button", name="Print").is_visible()


def test_the_printout_leaves_the_share_buttons_out(page, site):
    page.goto(site.pages["practice"])
    assert page.locator("[data-share]").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("[data-share]").is_visible()
    assert page.locator("main h1").is_visible()
