"""What an editor meets in the admin: Dutch labels and dates, no third-party requests, clear
workflow messages, and synonyms that make sense."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from practices.models import Municipality, PracticePage, Theme
from search.models import Synonym
from tests.factories import make_practice

pytestmark = pytest.mark.django_db

# What a browser fetches by itself (images, scripts, styles, frames), not links an editor may follow.
EXTERNAL = re.compile(
    r'<(?:img|script|iframe|source|link)\b[^>]*\b(?:src|srcset|href)="(?:https?:)?//(?!testserver)([^/"]+)',
    re.I,
)


@pytest.fixture
def superuser():
    return get_user_model().objects.create_superuser("chef", "chef@example.org", "pw")


def test_the_login_page_is_in_dutch(client):
    html = client.get(reverse("wagtailadmin_login")).content.decode()
    assert "Wachtwoord" in html
    assert ">Password<" not in html and "Password<span" not in html


def test_no_admin_page_asks_a_third_party_host(client, superuser, practice_index_set_up):
    client.force_login(superuser)
    for url in (
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[practice_index_set_up.id]),
        reverse(
            "wagtailadmin_pages:add", args=["practices", "practicepage", practice_index_set_up.id]
        ),
        reverse("wagtailusers_users:index"),
    ):
        html = client.get(url).content.decode()
        assert EXTERNAL.findall(html) == [], url
        assert "gravatar" not in html.lower(), url


def test_dates_in_the_practice_form_are_written_the_dutch_way(
    client, superuser, practice_index_set_up
):
    theme = Theme.objects.get(slug="wmo", locale__language_code="nl")
    page = make_practice(
        practice_index_set_up,
        "Keukentafel",
        municipality=Municipality.objects.get(cbs_code="GM0203"),
        themes=[theme],
    )
    PracticePage.objects.filter(pk=page.pk).update(practice_date="2025-10-01")
    page.refresh_from_db()
    page.save_revision()
    client.force_login(superuser)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.id])).content.decode()
    assert 'value="01-10-2025"' in html
    assert 'value="2025-10-01"' not in html


def test_the_story_rule_is_said_before_saving(client, superuser, practice_index_set_up):
    client.force_login(superuser)
    url = reverse(
        "wagtailadmin_pages:add", args=["practices", "practicepage", practice_index_set_up.id]
    )
    html = client.get(url).content.decode()
    assert "minstens één" in html and "Aanleiding, Aanpak, Resultaat of Geleerde lessen" in html


def test_a_synonym_needs_at_least_two_words(client, superuser):
    client.force_login(superuser)
    url = reverse("wagtailsnippets_search_synonym:add")
    before = Synonym.objects.count()
    response = client.post(url, {"terms": "Wmo", "language": "nl"})
    assert response.status_code == 200
    assert "minstens twee woorden" in response.content.decode()
    assert Synonym.objects.count() == before
    same = client.post(url, {"terms": "Wmo, wmo", "language": "nl"})
    assert "minstens twee woorden" in same.content.decode()
    ok = client.post(url, {"terms": "Wmo, Wet maatschappelijke ondersteuning", "language": "nl"})
    assert ok.status_code == 302
    assert Synonym.objects.count() == before + 1


def test_approving_in_the_editor_says_the_page_is_approved_and_published(
    client, practice_index_set_up
):
    from django.contrib.auth.models import Group

    from practices.setup import CHIEF_EDITORS, EDITORS
    from tests.practices.admin_forms import practice_form_data

    users = {}
    for group in (EDITORS, CHIEF_EDITORS):
        users[group] = get_user_model().objects.create_user(group, f"{group}@example.org", "pw")
        users[group].groups.add(Group.objects.get(name=group))
    data = practice_form_data(
        title="Vraag achter de vraag",
        slug="vraag-achter-de-vraag",
        municipality=Municipality.objects.get(cbs_code="GM0150"),
        themes=[Theme.objects.get(slug="collegiaal-leren", locale__language_code="nl")],
    )
    client.force_login(users[EDITORS])
    add = reverse(
        "wagtailadmin_pages:add", args=["practices", "practicepage", practice_index_set_up.id]
    )
    assert client.post(add, {**data, "action-submit": "1"}).status_code == 302
    page = PracticePage.objects.get(slug="vraag-achter-de-vraag")

    client.force_login(users[CHIEF_EDITORS])
    edit = reverse("wagtailadmin_pages:edit", args=[page.id])
    response = client.post(
        edit,
        {**data, "action-workflow-action": "1", "workflow-action-name": "approve"},
        follow=True,
    )
    html = response.content.decode()
    page.refresh_from_db()
    assert page.live
    assert "is goedgekeurd en gepubliceerd" in html


def test_listing_counts_read_as_dutch(client, superuser, practice_index_set_up):
    client.force_login(superuser)
    html = client.get(
        reverse("wagtailadmin_explore", args=[practice_index_set_up.get_parent().id])
    ).content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert re.search(r"\d+-\d+ van \d+ pagina", text), text[:3000]
    assert not re.search(r"\d+-\d+van", text)
