"""The editors' own screens added to the admin have zero axe-core violations of WCAG 2.0/2.1 A and
AA: the moderation view, the reject form, the search query report, the municipality listing and
the dashboard with its panels."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from contributions.services import create_contribution
from practices.models import Municipality, Theme
from search.statistics import record_search
from tests.browser.axe import describe, wcag_violations

pytestmark = pytest.mark.browser

PASSWORD = "een-lang-wachtwoord-voor-de-test"


@pytest.fixture(scope="module")
def admin_screens(site, django_db_blocker):
    """An editor and one contribution, committed like the site's content (the server thread reads it)."""
    with django_db_blocker.unblock():
        get_user_model().objects.create_superuser("hoofdredacteur", "h@example.nl", PASSWORD)
        contribution = create_contribution(
            {
                "title": "Intervisie op locatie",
                "summary": "Teams leren bij elkaar.",
                "practice_year": 2019,
                "municipality": Municipality.objects.get(cbs_code="GM0150"),
                "themes": [Theme.objects.filter(locale__language_code="nl").first()],
                "situation": "Ieder team werkte op een eiland.",
                "submitter_name": "Sam de Boer",
                "submitter_email": "sam@example.nl",
            },
            locale="nl",
        )
        record_search("zelfroosterende teams", 0)
        return {
            "moderation": reverse("contribution:inspect", args=[contribution.pk]),
            "reject": reverse("contribution:reject", args=[contribution.pk]),
            "report": reverse("search_queries_report"),
            "municipalities": reverse("wagtailsnippets_practices_municipality:list") + "?q=kamp",
            "dashboard": reverse("wagtailadmin_home"),
        }


@pytest.fixture
def signed_in(page, admin_screens):
    page.goto(reverse("wagtailadmin_login"))
    page.fill("input[name=username]", "hoofdredacteur")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    return page


@pytest.mark.parametrize(
    "screen", ["moderation", "reject", "report", "municipalities", "dashboard"]
)
def test_admin_screen_has_no_wcag_a_or_aa_violations(signed_in, admin_screens, screen):
    response = signed_in.goto(admin_screens[screen])
    assert response is not None and response.status == 200, screen
    signed_in.wait_for_load_state("load")
    violations = wcag_violations(signed_in)
    assert not violations, describe(violations, signed_in.url)
