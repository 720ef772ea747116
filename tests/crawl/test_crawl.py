"""A crawl of the demo site in headless Chromium finds no broken page, asset, feed, download or link.

The crawler is `scripts/crawl_site.py` (also runnable against any running site); it starts at the
Dutch and English home pages, robots.txt, sitemap.xml and the feeds and follows every same-host link.
"""

from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from wagtail.models import Locale, Page

from practices.models import LearningForm, PracticePage, ProfessionalGroup, Theme
from scripts.crawl_site import crawl
from tests.browser.axe import describe, wcag_violations

pytestmark = pytest.mark.browser

# Every kind of page is visited; of the hundreds of municipalities and terms only a handful each,
# which keeps the crawl within CI's budget (`scripts/crawl_site.py` without caps visits them all).
# A section is named by its address, so the English ones by their English path ("en/municipality");
# pages made in Wagtail (practices, publications, agenda, colleagues) are never capped: every one of
# them must be reached by a link.
PER_SECTION = {
    "gemeente": 3,
    "en/municipality": 2,
    "provincie": 2,
    "en/province": 1,
    "thema": 3,
    "en/theme": 3,
    "beroepsgroep": 2,
    "en/professional-group": 2,
    "werkvorm": 2,
    "en/learning-form": 2,
    # The in-company request form of each colleague (one template) besides /collega/aanmelden/.
    "collega": 3,
    "en/colleague": 2,
}
TERM_VIEWS = {
    "theme_detail": Theme,
    "professional_group_detail": ProfessionalGroup,
    "learning_form_detail": LearningForm,
}


def signed_link_paths():
    """Pages only an e-mail leads to: consent, answering a forwarded question, confirming a
    question, an in-company request's state; and the intake's second step with its form."""
    from colleagues.links import make_token
    from colleagues.models import (
        ColleaguePage,
        InCompanyRequest,
        KnowledgeQuestion,
        QuestionForward,
    )

    trainer = ColleaguePage.objects.live().filter(takes_in_company_requests=True).first()
    question = KnowledgeQuestion.objects.filter(confirmed_at__isnull=False).first()
    forward = QuestionForward.objects.create(question=question, colleague=trainer)
    unconfirmed = KnowledgeQuestion.objects.create(text="Hoe plannen we?", asker_email="a@b.nl")
    request = InCompanyRequest.objects.create(
        colleague=trainer, requester_name="Joke", requester_email="j@example.nl", message="Hoi"
    )
    links = [
        ("colleague_consent", "consent", trainer.pk),
        ("question_answer_link", "answer", forward.pk),
        ("question_confirm", "confirm", unconfirmed.pk),
        ("in_company_status", "request", request.pk),
    ]
    paths = [reverse(name, args=[make_token(kind, pk)]) for name, kind, pk in links]
    return [*paths, "/stel-je-kennisvraag/?q=intervisie+in+het+wijkteam"]


@pytest.fixture(scope="module")
def report(crawl_browser, demo_site, django_db_blocker):
    with django_db_blocker.unblock():
        extra = signed_link_paths()
    found = crawl(
        crawl_browser,
        demo_site.url,
        limit=300,
        variants_per_path=2,
        per_section=PER_SECTION,
        extra_paths=extra,
    )
    print(found.summary())  # shown by pytest when a test fails
    return found


def problems(report, *prefixes):
    lines = []
    for url, found in sorted(report.failures.items()):
        matching = [problem for problem in found if problem.startswith(prefixes)]
        if matching:
            on = report.visits[url].found_on
            lines.append(f"{url}" + (f" (linked from {on})" if on else ""))
            lines.extend(f"  - {problem}" for problem in matching)
    return "\n".join(lines)


def test_crawl_reaches_every_kind_of_page(report):
    paths = {urlsplit(url).path for url in report.visits}
    assert len(report.pages()) > 40, report.summary()
    for expected in ("/", "/en/", "/zoeken/", "/en/search/", "/sitemap.xml", "/robots.txt"):
        assert expected in paths, f"{expected} not reached"
    assert any(p.startswith("/gemeente/") for p in paths)
    assert any(p.startswith("/publicaties/") for p in paths)
    assert "/agenda/" in paths, "the agenda not reached"
    assert any(p.startswith("/agenda/") and p.endswith("/aanmelden/") for p in paths)
    assert {"/collegas/", "/stel-je-kennisvraag/", "/collega/aanmelden/"} <= paths
    assert any(p.startswith("/collegas/linda-groothuis") for p in paths)


def test_every_address_a_visitor_can_reach_answers_without_error(report):
    assert not problems(report, "answers", "does not load", "empty file"), report.summary()


def test_no_page_logs_a_console_error(report):
    assert not problems(report, "console error"), report.summary()


def test_no_page_misses_its_own_stylesheets_scripts_images_or_fonts(report):
    assert not problems(report, "asset failed"), report.summary()


def test_no_page_breaks_the_content_security_policy(report):
    assert not problems(report, "CSP violation"), report.summary()


def test_every_page_has_a_language_a_title_and_exactly_one_main_heading(report):
    assert not problems(report, "<html> has no lang", "no <title>", "<h1>"), report.summary()


def test_every_image_has_alt_text_and_no_id_is_used_twice(report):
    assert not problems(report, "image without alt", "duplicate id"), report.summary()


def test_every_published_page_is_reachable_by_following_links(report):
    visited = {urlsplit(url).path for url in report.visits}
    missing = [
        page.url
        for page in Page.objects.live().public().filter(depth__gt=1).specific()
        if page.url and page.url not in visited
    ]
    cut = report.left_at_limit
    hint = f" (the crawl's limit left {cut} addresses unvisited: raise it or cap a section)"
    assert not missing, f"published pages no link leads to: {missing}" + (hint if cut else "")


def test_feeds_are_well_formed_rss_and_atom(report):
    feeds = report.pages("feed")
    assert any("/rss/" in feed.url for feed in feeds) and any("/atom/" in f.url for f in feeds)
    assert not [f"{feed.url}: {feed.problems}" for feed in feeds if feed.problems]


def test_demo_publications_download_as_pdf_files(report):
    downloads = [visit for visit in report.visits.values() if "/download/" in visit.url]
    assert downloads, "no download link found on the publication pages"
    for visit in downloads:
        assert visit.status == 200, visit.url
        assert visit.content_type.startswith("application/pdf"), (visit.url, visit.content_type)
        assert not visit.problems, (visit.url, visit.problems)


def test_pagination_and_sort_links_lead_to_working_pages(report):
    queries = {url: dict(parse_qsl(urlsplit(url).query)) for url in report.visits}
    paged = [url for url, query in queries.items() if query.get("page", "1") != "1"]
    sorted_ = [url for url, query in queries.items() if "sort" in query]
    assert paged, "no link to a second page of results was found"
    assert sorted_, "no sort link was found"
    assert not [url for url in paged + sorted_ if report.visits[url].problems]


def test_english_pages_link_to_english_pages_where_a_translation_exists(report):
    english = Locale.objects.get(language_code="en")
    dutch_pages = {
        page.url: page
        for page in Page.objects.live().public().filter(locale__language_code="nl").specific()
    }
    wrong = set()
    for visit in report.pages():
        if not urlsplit(visit.url).path.startswith("/en/"):
            continue
        for link in visit.links:
            parts = urlsplit(link["href"])
            path = parts.path
            if link["switcher"] or parts.netloc != urlsplit(report.base_url).netloc:
                continue
            if path.startswith(("/en/", "/static/", "/media/", "/documents/", "/api/")):
                continue
            if path in ("/robots.txt", "/sitemap.xml"):
                continue
            target = dutch_pages.get(path)
            if target is not None:
                translated = target.get_translation_or_none(english)
                if translated is not None and translated.live:
                    wrong.add(f"{visit.url} → {path} (English: {translated.url})")
                continue
            with translation.override("nl"):
                try:
                    match = resolve(path)
                except Resolver404:
                    wrong.add(f"{visit.url} → {path} (no such page)")
                    continue
            model = TERM_VIEWS.get(match.url_name)
            term = model and model.objects.filter(slug=match.kwargs["slug"]).first()
            if term is not None and term.get_translation_or_none(english) is None:
                continue  # an untranslated term: its Dutch page is the only one
            wrong.add(f"{visit.url} → {link['href']}")
    assert not wrong, "English pages linking to Dutch ones:\n" + "\n".join(sorted(wrong))


def test_one_page_of_each_type_has_no_wcag_a_or_aa_violations(report):
    failing = {url: found for url, found in report.axe.items() if found}
    assert len(report.axe) >= 8, sorted(report.axe)
    # The colleagues' and the agenda's pages and forms, the signed links' pages among them.
    checked = {urlsplit(url).path + ("?" if urlsplit(url).query else "") for url in report.axe}
    for expected in (
        "/collegas/",
        "/collega/aanmelden/",
        "/stel-je-kennisvraag/",
        "/stel-je-kennisvraag/?",
        "/agenda/",
    ):
        assert any(path.startswith(expected) for path in checked), (expected, sorted(checked))
    assert len([path for path in checked if path.startswith("/collegas/")]) >= 2  # and a profile
    for part in ("/incompany/", "/aanmelden/", "/toestemming/", "/beantwoorden/", "/bevestigen/"):
        assert any(part in path for path in checked), (part, sorted(checked))
    assert not failing, report.summary()


@pytest.fixture
def tab(crawl_browser, demo_site):
    context = crawl_browser.new_context(base_url=demo_site.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def practice_with_contact(demo_site):
    practice = (
        PracticePage.objects.live().filter(locale__language_code="nl").exclude(contact_email="")
    ).first()
    assert practice is not None, "the demo content has no practice with a contact address"
    return practice


def test_toon_emailadres_shows_the_contact_address_in_place(tab, practice_with_contact):
    errors = []
    tab.on("console", lambda message: message.type == "error" and errors.append(message.text))
    tab.goto(practice_with_contact.url)
    tab.get_by_role("button", name="Toon e-mailadres").click()
    link = tab.locator(f"a[href='mailto:{practice_with_contact.contact_email}']")
    link.wait_for()
    assert link.is_visible()
    assert not errors


def test_toon_emailadres_works_without_javascript(crawl_browser, demo_site, practice_with_contact):
    context = crawl_browser.new_context(
        base_url=demo_site.url, locale="nl-NL", java_script_enabled=False
    )
    try:
        tab = context.new_page()
        tab.goto(practice_with_contact.url)
        tab.get_by_role("button", name="Toon e-mailadres").click()
        tab.wait_for_load_state("load")
        assert tab.locator(f"a[href='mailto:{practice_with_contact.contact_email}']").count()
        assert tab.locator("h1").count() == 1
        assert tab.title()
        back = tab.get_by_role("link", name="Terug naar het praktijkvoorbeeld")
        assert back.get_attribute("href") == practice_with_contact.url
    finally:
        context.close()


def test_the_contact_address_page_passes_axe(tab, practice_with_contact):
    tab.goto(practice_with_contact.url)
    # Submitting the form without the script: the server's own page with the address.
    with tab.expect_navigation():
        tab.evaluate("document.querySelector('[data-reveal-email]').submit()")
    violations = wcag_violations(tab)
    assert not violations, describe(violations, tab.url)
