"""Permission matrix: anonymous visitors, submitters (an account, no admin rights), editors
(Redactie) and chief editors (Hoofdredactie) can each do exactly what they should in the admin,
and drafts, private pages and unpublished translations never leak through search, the search
API, feeds, listings or the sitemap, whoever is logged in."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Locale, PageViewRestriction

from home.site_structure import ensure_site_structure
from practices.setup import CHIEF_EDITORS, EDITORS, ensure_practices_setup
from tests.database import reloaded
from tests.factories import MunicipalityFactory, ThemeFactory, make_practice, make_user

ROLES = ["anonymous", "submitter", "editor", "chief_editor"]

# Words that only occur in content that must stay hidden from the public.
DRAFT_WORD = "Zwaluwstaartconcept"
PRIVATE_WORD = "Kwartelbesloten"
TRANSLATION_WORD = "Nightingaledraft"
DRAFT_CHANGE_WORD = "Reigerwijziging"
SECRETS = [DRAFT_WORD, PRIVATE_WORD, TRANSLATION_WORD, DRAFT_CHANGE_WORD]
PUBLIC_WORD = "Kolibriepraktijk"  # the control: public content that must be found
# What the tests search for: found in the hidden pages' summaries, never echoed as a secret.
HIDDEN_SUMMARY = "Een verborgen ooievaarsverhaal over intervisie."


@pytest.fixture(scope="module")
def module_content(module_db):
    """The public, draft, private, changed and untranslated practices: made once for the module."""
    index = ensure_practices_setup(ensure_site_structure())
    theme = ThemeFactory()
    municipality = MunicipalityFactory()
    common = {"municipality": municipality, "themes": [theme]}
    public = make_practice(index, f"{PUBLIC_WORD} in het wijkteam", **common)
    draft = make_practice(
        index,
        f"{DRAFT_WORD} over intervisie",
        summary=HIDDEN_SUMMARY,
        publish=False,
        **common,
    )
    private = make_practice(
        index, f"{PRIVATE_WORD} over intervisie", summary=HIDDEN_SUMMARY, **common
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    # A live page with a newer, unpublished change of its title.
    changed = make_practice(index, "Netwerkend werken in de regio", **common)
    editing = changed.specific_class.objects.get(pk=changed.pk)  # as the admin's edit view does
    editing.title = f"{DRAFT_CHANGE_WORD} netwerkend werken"
    editing.save_revision()
    # An English translation that exists but was never published.
    translation = public.copy_for_translation(
        Locale.objects.get(language_code="en"), copy_parents=True
    )
    translation.title = f"{TRANSLATION_WORD} in the neighbourhood team"
    translation.save_revision()
    translation.refresh_from_db()
    assert not translation.live
    return {
        "index": index,
        "public": public,
        "draft": draft,
        "private": private,
        "changed": changed,
        "translation": translation,
        "theme": theme,
        "municipality": municipality,
    }


@pytest.fixture
def content(module_content, db):
    return reloaded(module_content)


@pytest.fixture
def clients(content):
    clients = {"anonymous": Client()}
    for role, group in [("submitter", None), ("editor", EDITORS), ("chief_editor", CHIEF_EDITORS)]:
        client = Client()
        client.force_login(make_user(role, group))
        clients[role] = client
    return clients


def public_addresses(content):
    term_pages = []
    for prefix, obj in (("thema", content["theme"]), ("gemeente", content["municipality"])):
        term_pages.append(f"/{prefix}/{obj.slug}/")
    return [
        "/",
        "/en/",
        content["index"].url,
        "/zoeken/?q=ooievaarsverhaal",
        "/zoeken/?q=netwerkend",
        "/zoeken/?q=intervisie",
        "/en/search/?q=neighbourhood",
        "/en/search/?q=team",
        "/api/v1/search?q=ooievaarsverhaal&lang=nl",
        "/api/v1/search?q=netwerkend&lang=nl",
        "/api/v1/search?q=intervisie&lang=nl",
        "/api/v1/search?q=neighbourhood&lang=en",
        f"/api/v1/autocomplete?q={DRAFT_WORD[:6]}&lang=nl",
        f"/api/v1/autocomplete?q={PRIVATE_WORD[:6]}&lang=nl",
        "/feed/rss/",
        "/feed/atom/",
        "/en/feed/rss/",
        "/sitemap.xml",
        *term_pages,
    ]


def test_hidden_content_never_leaks_through_search_api_feeds_listings_or_sitemap(clients, content):
    leaks, failures = {}, {}
    answered = 0
    for role, address in [(r, a) for r in ROLES for a in public_addresses(content)]:
        client = clients[role]
        client.raise_request_exception = False
        response = client.get(address)
        if response.status_code >= 500:
            failures[(role, address)] = response.status_code
            continue
        if response.status_code == 404:
            continue  # an endpoint another part of the site has not built yet
        answered += 1
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8", "replace")
        found = [word for word in SECRETS if word in text]
        if found:
            leaks[(role, address)] = found
    assert answered >= 10 * len(ROLES)
    assert (leaks, failures) == ({}, {})


def test_public_content_is_found_by_everyone(clients, content):
    # The control for the test above: the same endpoints do show what is public.
    for role in ROLES:
        for address in ["/zoeken/?q=" + PUBLIC_WORD, "/sitemap.xml", "/feed/rss/"]:
            response = clients[role].get(address)
            body = response.content
            assert response.status_code == 200, (role, address)
            assert PUBLIC_WORD.lower() in body.decode().lower(), (role, address)


def test_drafts_and_unpublished_translations_are_not_served_at_their_address(clients, content):
    draft_path = content["draft"].get_url_parts()[2]
    translation_path = content["translation"].get_url_parts()[2]
    assert translation_path.startswith("/en/")
    for role in ROLES:
        client = clients[role]
        assert client.get(draft_path).status_code == 404, role
        assert client.get(translation_path).status_code == 404, role
        response = client.get(content["changed"].url)
        assert response.status_code == 200, role
        assert DRAFT_CHANGE_WORD not in response.content.decode(), role


def test_private_pages_ask_for_the_password_and_show_nothing_else(clients, content):
    for role in ROLES:
        response = clients[role].get(content["private"].url)
        assert response.status_code == 200, role
        html = response.content.decode()
        assert 'name="password"' in html, role
        assert "ooievaarsverhaal" not in html, role  # the practice's summary


EXPECTED_ADMIN = {
    # role: (dashboard, edit a practice, see the publish button, manage users)
    "anonymous": (False, False, False, False),
    "submitter": (False, False, False, False),
    "editor": (True, True, False, False),
    "chief_editor": (True, True, True, False),
}


def test_admin_rights_match_the_role(clients, content):
    found = {}
    for role in ROLES:
        client = clients[role]
        edit_page = client.get(f"/admin/pages/{content['public'].id}/edit/")
        found[role] = (
            client.get("/admin/").status_code == 200,
            edit_page.status_code == 200,
            'name="action-publish"' in edit_page.content.decode(),
            client.get("/admin/users/").status_code == 200,
        )
    assert found == EXPECTED_ADMIN


def test_editors_see_drafts_in_the_admin_and_others_do_not(clients, content):
    for role in ROLES:
        response = clients[role].get(f"/admin/pages/{content['draft'].id}/edit/")
        can_see = response.status_code == 200 and DRAFT_WORD in response.content.decode()
        assert can_see is (role in ("editor", "chief_editor")), role


def test_personal_data_tool_is_only_for_those_given_its_permission(clients, content):
    """Nobody in these roles has 'Persoonsgegevens opzoeken, exporteren en wissen' by default:
    the tool, its export and its erasure are refused, and nothing is logged."""
    from privacy.models import PersonalDataLogEntry

    for role in ROLES:
        client = clients[role]
        assert client.get("/admin/persoonsgegevens/").status_code in (302, 403), role
        for action in ("export", "erase"):
            response = client.post(
                "/admin/persoonsgegevens/",
                {"email": "anna@example.nl", "action": action, "confirm_erase": "on"},
            )
            assert response.status_code in (302, 403), (role, action)
            assert "Content-Disposition" not in response, (role, action)
    assert not PersonalDataLogEntry.objects.exists()
    admin = Client()
    admin.force_login(get_user_model().objects.create_superuser("fg", "fg@example.nl", "x"))
    assert admin.get("/admin/persoonsgegevens/").status_code == 200


def test_the_search_api_refuses_undeclared_methods_alike_for_every_role(clients, content):
    for role in ROLES:
        for method in ("post", "put", "delete"):
            response = getattr(clients[role], method)("/api/v1/search")
            assert response.status_code == 405, (role, method)
