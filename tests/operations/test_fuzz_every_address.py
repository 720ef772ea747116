"""Every public URL pattern of the demo site (practices, publications, feeds, the agenda with its
registration forms, colleague profiles with their contact and in-company forms, the knowledge-
question intake, the signed links) gets NUL bytes, invalid UTF-8 and 10,000-character values, in
its query string and in every field of every form it shows: never a 5xx. A URL pattern added later
without an example address here fails the coverage test, so nothing new escapes the run. The six
public forms (`public_forms`) must each be reached by those POSTs and show the rest of what was
typed again with a message: a form that drops out of the run fails the test."""

# ruff: noqa: F811 -- pytest fixtures imported from tests.colleagues.conftest are used as arguments

from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.html import escape

from colleagues.links import make_token
from colleagues.models import ColleaguePage, InCompanyRequest, KnowledgeQuestion, QuestionForward
from scripts import fuzz
from scripts.crawl_site import signature
from scripts.fault_test import contribution_fields
from scripts.harness import parse_forms
from tests.colleagues.conftest import demo, fresh_rate_limits  # noqa: F401

pytestmark = pytest.mark.django_db

# Percent-encoded as a broken client or an attacker puts them on the wire.
FORM_PAYLOADS = {"NUL byte": "%00", "invalid UTF-8": "%FF%FE%C3", "10,000 characters": "x" * 10_000}


@pytest.fixture(scope="module")
def agenda(demo, django_db_blocker):
    from agenda.demo import load_demo_agenda
    from contributions.setup import ensure_contributions
    from home.site_structure import ensure_site_structure

    with django_db_blocker.unblock():
        ensure_contributions()  # the contribution form, as setup_site makes it
        return load_demo_agenda(ensure_site_structure())


def example_arguments():
    """Per URL pattern name with arguments: the arguments of a real address on the demo site."""
    trainer = ColleaguePage.objects.live().filter(takes_in_company_requests=True).first()
    question = KnowledgeQuestion.objects.filter(confirmed_at__isnull=False).first()
    forward = QuestionForward.objects.create(question=question, colleague=trainer)
    request = InCompanyRequest.objects.create(
        colleague=trainer, requester_name="Joke", requester_email="j@example.nl", message="Hoi"
    )
    from wagtail.models import PageViewRestriction

    from practices.models import (
        LearningForm,
        Municipality,
        PracticePage,
        ProfessionalGroup,
        Province,
        Theme,
    )

    practice = PracticePage.objects.live().exclude(contact_email="").first()
    private = PracticePage.objects.live().exclude(pk=practice.pk).first()
    restriction = PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )

    def slug_of(model, **filters):
        return [{"slug": model.objects.filter(**filters).first().slug}]

    return {
        "theme_detail": slug_of(Theme, locale__language_code="nl"),
        "professional_group_detail": slug_of(ProfessionalGroup, locale__language_code="nl"),
        "learning_form_detail": slug_of(LearningForm, locale__language_code="nl"),
        "municipality_detail": slug_of(Municipality, is_current=True),
        "province_detail": slug_of(Province),
        "practice_contact_email": [{"page_id": practice.pk}],
        "wagtailcore_authenticate_with_password": [
            {"page_view_restriction_id": restriction.pk, "page_id": private.pk}
        ],
        "practice_feed": [{"kind": "rss"}, {"kind": "atom"}],
        "colleague_consent": [{"token": make_token("consent", trainer.pk)}],
        "colleague_in_company": [{"page_id": trainer.pk}],
        "in_company_status": [{"token": make_token("request", request.pk)}],
        "question_confirm": [{"token": make_token("confirm", question.pk)}],
        "question_answer_link": [{"token": make_token("answer", forward.pk)}],
    }


def public_patterns(resolver=None, prefix=""):
    """(name, route) of every URL pattern outside the admin, documents, static and media."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(tuple(p.lstrip("/") for p in fuzz.SKIP_PREFIXES)):
            continue
        if isinstance(entry, URLResolver):
            yield from public_patterns(entry, route)
        elif isinstance(entry, URLPattern):
            yield entry.name, route


def addresses(arguments):
    """Each public pattern's addresses in both languages, and every page the sitemap lists."""
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation

    found, missing = set(), []
    for name, route in public_patterns():
        if name == "wagtail_serve":
            continue  # every page: the sitemap's addresses
        if name is None:
            if "<" not in route and "(?P" not in route:
                found.add("/" + route.lstrip("^").rstrip("$"))
            elif route not in ("^((?:[\\w\\-]+/)*)$", "((?:[\\w\\-]+/)*)$"):
                missing.append(route)  # Wagtail's page route is covered by the sitemap
            continue
        reversed_any = False
        for language in ("nl", "en"):
            with translation.override(language):
                for kwargs in arguments.get(name, [{}]):
                    try:
                        found.add(reverse(name, kwargs=kwargs))
                        reversed_any = True
                    except NoReverseMatch:
                        pass
        if not reversed_any:
            missing.append(name)
    return found, missing


def routable_paths():
    """The sub-addresses of one page of each routable type (the agenda's archive and calendar, an
    activity's registration form and its e-mail link addresses)."""
    from django.urls import NoReverseMatch
    from wagtail.contrib.routable_page.models import RoutablePageMixin
    from wagtail.models import Page

    found, seen = set(), set()
    pages = Page.objects.live().public().specific()
    # An activity that still takes registrations first, so its form (not "closed") is fuzzed.
    for page in sorted(pages, key=lambda page: not registration_is_open(page)):
        if not isinstance(page, RoutablePageMixin) or type(page) in seen or not page.url:
            continue
        seen.add(type(page))
        for pattern in type(page).get_subpage_urls():
            for kwargs in (
                {},
                {"action": "bevestigen"},
                {"action": "afmelden"},
                {"action": "plek"},
                {"action": "confirm"},
                {"action": "cancel"},
                {"action": "offer"},
            ):
                try:
                    found.add(page.url + page.reverse_subpage(pattern.name, kwargs=kwargs))
                except NoReverseMatch:
                    pass
    return found


def registration_is_open(page):
    availability = getattr(page, "availability", None)
    return bool(availability and availability.is_open)


def public_forms():
    """The public forms the README names (Load, fault and fuzz runs), each with the addresses its
    form posts to on the demo site: every one must get the fuzzed POSTs."""
    from django.urls import reverse
    from wagtail.models import Locale

    from agenda.models import ActivityPage
    from colleagues.models import QuestionIntakePage
    from contributions.models import ContributionFormPage

    dutch = Locale.objects.get(language_code="nl")
    colleagues = ColleaguePage.objects.live().filter(locale=dutch)
    activities = ActivityPage.objects.live().filter(locale=dutch)
    return {
        "question intake": {p.url for p in QuestionIntakePage.objects.live().filter(locale=dutch)},
        "registration": {a.route_url("register") for a in activities if registration_is_open(a)},
        "contact": {c.url for c in colleagues},
        "in-company": {
            reverse("colleague_in_company", kwargs={"page_id": c.pk})
            for c in colleagues.filter(takes_in_company_requests=True)
        },
        "propose yourself": {reverse("colleague_propose")},
        "contribution": {p.url for p in ContributionFormPage.objects.live().filter(locale=dutch)},
    }


def typed_values(form, values, target):
    """What a person typed in the form apart from `target`: it must come back if the form is
    shown again."""
    kinds = {field["name"]: field["type"] for field in form["fields"]}
    return [
        value
        for name, value in values
        if name != target
        and value
        and kinds.get(name) in ("text", "textarea", "email", "url", "number", "search", "tel")
    ]


def fetcher():
    client = Client(raise_request_exception=False)

    def fetch(method, path, body):
        if method == "POST":
            response = client.generic(
                "POST", path, body, content_type="application/x-www-form-urlencoded"
            )
        else:
            response = client.get(path)
        text = "" if response.streaming else response.content.decode("utf-8", "replace")
        return response.status_code, response.get("Content-Type", ""), text

    return fetch


def test_every_public_url_pattern_has_an_example_address(agenda):
    _found, missing = addresses(example_arguments())
    assert missing == [], "give these URL patterns example arguments in example_arguments()"


def test_nul_invalid_utf8_and_10000_characters_on_every_public_address_give_no_5xx(agenda):
    fetch = fetcher()
    found, _missing = addresses(example_arguments())
    # Of the sitemap's pages two of each type (one template answers for the rest): CI-sized.
    per_type = {}
    for page_path in fuzz.sitemap_paths(fetch, limit=1000):
        per_type.setdefault(signature(page_path), []).append(page_path)
    pages = {path for group in per_type.values() for path in group[:2]}
    paths = sorted(found | pages | routable_paths() | {"/stel-je-kennisvraag/?q=intervisie"})
    # What the issue names must really be in the run (the sitemap lists the pages).
    for expected in ("/feed/rss/", "/agenda/", "/collegas/", "/stel-je-kennisvraag/"):
        assert any(path.startswith(expected) for path in paths), expected
    assert any(
        path.startswith("/collegas/") and path != "/collegas/" for path in paths
    )  # a profile
    assert any(path.startswith("/agenda/") and path != "/agenda/" for path in paths)  # an activity

    report = fuzz.Report()
    fuzz.probe_door(fetch, paths, report)  # the query string: every path x payload x place
    assert report.findings == []

    forms = public_forms()
    for label, actions in forms.items():
        assert actions, f"the demo site has no {label} form"
    # The pages that show them, as a visitor reaches them (the activity's form has its own page).
    paths = sorted(set(paths) | forms["registration"] | forms["in-company"])

    form_report = fuzz.Report()
    reached, lost, fuzzed = {label: set() for label in forms}, [], set()
    for path in paths:
        status, _type, html = fetch("GET", path, None)
        if status != 200:
            continue
        for form in parse_forms(html):
            if form["method"] != "post":
                continue
            action = (form["action"] or path).split("#")[0]
            label = next((name for name, found in forms.items() if action in found), None)
            # One form of each kind per language (two profiles show the same contact form).
            kind = (signature(action), tuple(sorted({f["name"] for f in form["fields"]})))
            if kind in fuzzed:
                continue
            fuzzed.add(kind)
            values = contribution_fields(form, "fuzz")
            for target, _value in values:
                for payload_label, payload in FORM_PAYLOADS.items():
                    body = "&".join(
                        f"{quote(name)}={payload if name == target else quote(value)}"
                        for name, value in values
                    )
                    cache.clear()  # each POST reaches the form's checks, not the rate limit
                    status, content_type, text = fetch("POST", action, body)
                    fuzz.check(
                        form_report, "POST", f"{action} [{target}]", payload_label, status, "", text
                    )
                    if label is None or status in (301, 302, 303):
                        continue  # accepted and stored, then redirected: nothing lost either
                    reached[label].add((target, payload_label))
                    missing = [
                        v for v in typed_values(form, values, target) if escape(v) not in text
                    ]
                    if missing or 'class="error-summary"' not in text:
                        lost.append((label, action, target, payload_label, status, missing[:2]))
    assert form_report.findings == []
    assert form_report.requests > 100
    # Every public form got the three payloads in at least one field, and was shown again with the
    # rest of what was typed and a message saying what to change.
    assert [label for label, hits in reached.items() if not hits] == []
    for label, hits in reached.items():
        assert {payload for _target, payload in hits} == set(FORM_PAYLOADS), label
    assert lost == []
