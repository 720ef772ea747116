"""The English agenda is never emptier than the Dutch one: Dutch activities without a translation
are listed, marked as Dutch, among the English ones, and the English filters find them."""

from wagtail.models import Locale

from practices.models import ProfessionalGroup
from tests.agenda.helpers import days_from_now, make_activity


def english(page):
    locale = Locale.objects.get(language_code="en")
    parent = page.get_parent()
    if not parent.has_translation(locale):
        english(parent.specific)
    translation = page.copy_for_translation(locale, copy_parents=True)
    translation.save_revision().publish()
    return translation


def test_english_agenda_lists_dutch_only_activities_marked_and_translated_ones_once(client, agenda):
    hrm = ProfessionalGroup.objects.get(slug="hrm", locale__language_code="nl")
    make_activity(
        agenda, "Leerbijeenkomst HRM Oost", dates=[days_from_now(12)], professional_groups=[hrm]
    )
    translated = make_activity(agenda, "Webinar inkopen", dates=[days_from_now(20)], online=True)
    english_agenda = english(agenda)
    english_webinar = translated.copy_for_translation(english_agenda.locale)
    english_webinar.title = "Webinar on purchasing"
    english_webinar.save_revision().publish()

    html = client.get(english_agenda.url).content.decode()
    assert "There are no activities" not in html
    assert "2 activities planned" in html
    card = html[html.index("Leerbijeenkomst HRM Oost") :]
    card = card[: card.index("</li>")]
    assert "Only in Dutch" in card
    assert f'href="{agenda.url}' in html  # the card leads to the Dutch page
    assert "Webinar on purchasing</a>" in html and "Webinar inkopen</a>" not in html
    assert html.index("Leerbijeenkomst HRM Oost") < html.index("Webinar on purchasing")


def test_english_filters_find_dutch_activities_by_their_english_terms(client, agenda):
    hrm = ProfessionalGroup.objects.get(slug="hrm", locale__language_code="nl")
    make_activity(agenda, "Intervisie HRM", professional_groups=[hrm])
    make_activity(agenda, "Werkbezoek zonder beroepsgroep")
    english_agenda = english(agenda)
    english_hrm = hrm.get_translation_or_none(english_agenda.locale)
    slug = english_hrm.slug if english_hrm else hrm.slug
    html = client.get(english_agenda.url, {"beroepsgroep": slug}).content.decode()
    assert "Intervisie HRM" in html
    assert "Werkbezoek zonder beroepsgroep" not in html
    if english_hrm:
        assert english_hrm.name in html  # the filter shows the English name


def test_english_feed_has_the_dutch_only_activities_too(client, agenda):
    import icalendar

    make_activity(agenda, "Leergang vraagverheldering")
    english_agenda = english(agenda)
    feed = client.get(english_agenda.url + english_agenda.reverse_subpage("calendar"))
    titles = [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(feed.content).walk("VEVENT")]
    assert any("Leergang vraagverheldering" in title for title in titles)


def test_dutch_agenda_shows_no_english_pages(client, agenda):
    translated = make_activity(agenda, "Webinar inkopen", online=True)
    english_agenda = english(agenda)
    english_webinar = translated.copy_for_translation(english_agenda.locale)
    english_webinar.title = "Webinar on purchasing"
    english_webinar.save_revision().publish()
    html = client.get(agenda.url).content.decode()
    assert "Webinar inkopen" in html and "Webinar on purchasing" not in html
    assert "Alleen in het Nederlands" not in html


def test_english_agenda_has_its_archive_and_calendar_under_english_paths(client, agenda):
    make_activity(agenda, "Leerbijeenkomst van vorig jaar", dates=[days_from_now(-300)])
    english_agenda = english(agenda)
    html = client.get(english_agenda.url).content.decode()
    assert f'href="{english_agenda.url}archive/"' in html  # the link a reader follows
    archive = client.get(english_agenda.url + "archive/")
    assert archive.status_code == 200
    assert "Leerbijeenkomst van vorig jaar" in archive.content.decode()
    assert client.get(english_agenda.url + "calendar/").status_code == 200
    # The Dutch paths keep working, and the Dutch agenda keeps its Dutch ones.
    assert client.get(english_agenda.url + "archief/").status_code == 200
    assert f'href="{agenda.url}archief/"' in client.get(agenda.url).content.decode()
    assert client.get(agenda.url + "archief/").status_code == 200


def test_english_activity_registers_and_confirms_under_english_paths(
    client, agenda, django_capture_on_commit_callbacks
):
    from django.core import mail

    from agenda.models import Registration

    activity = make_activity(agenda, "Intervisie voor HRM", dates=[days_from_now(40)])
    english_agenda = english(agenda)
    english_activity = activity.copy_for_translation(english_agenda.locale)
    english_activity.title = "Peer review for HR"
    english_activity.save_revision().publish()
    english_activity.refresh_from_db()

    page = client.get(english_activity.url).content.decode()
    register = english_activity.url + "register/"
    assert f'href="{register}"' in page
    assert client.get(english_activity.url + "aanmelden/").status_code == 200  # Dutch path too
    form = {"name": "Ann Smith", "email": "ann@example.nl", "municipality": "Zwolle"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register, {**form, "organisation": "", "website": ""})
    assert response.status_code == 302
    assert response["Location"] == english_activity.url + "register/sent/"
    assert client.get(response["Location"]).status_code == 200
    link = next(
        word for word in mail.outbox[-1].body.split() if "/registration/confirm/?t=" in word
    )
    assert link.startswith("http") and english_activity.url in link
    with django_capture_on_commit_callbacks(execute=True):
        client.get(link.replace("http://testserver", ""))
    assert Registration.objects.get(email="ann@example.nl").status == Registration.Status.CONFIRMED
