"""The contribution form in a real browser: the error state passes axe, focus lands on the summary,
the summary's links lead to the fields, and the honeypot is out of the keyboard's way."""

import pytest

from tests.browser.axe import describe, wcag_violations

pytestmark = pytest.mark.browser

FORM = "/deel-je-praktijkvoorbeeld/"


def test_form_with_errors_has_no_wcag_violations_and_focuses_the_summary(page, site):
    page.goto(FORM)
    page.fill("#id_title", "Leren op locatie")
    page.click("button.contribution-form__submit")
    page.wait_for_load_state("load")
    assert page.locator("#error-summary").is_visible()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.input_value("#id_title") == "Leren op locatie"
    violations = wcag_violations(page)
    assert not violations, describe(violations, page.url)


def test_error_summary_link_moves_to_the_field(page, site):
    page.goto(FORM)
    page.click("button.contribution-form__submit")
    page.click("#error-summary a[href='#id_municipality']")
    assert page.evaluate("document.activeElement.id") == "id_municipality"


def test_keyboard_never_lands_in_the_honeypot(page, site):
    page.goto(FORM)
    page.focus("#id_title")
    visited = set()
    for _ in range(80):
        page.keyboard.press("Tab")
        visited.add(page.evaluate("document.activeElement.id"))
    assert "id_website" not in visited
    assert "id_consent" in visited
