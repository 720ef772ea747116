"""The agenda's cards say how many places are left or that the waiting list is open, and the
page asks the database the same number of questions for one card as for a full page of twelve."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agenda import services
from agenda.models import ActivityPage
from tests.agenda.helpers import days_from_now, make_activity, registration_of


def queries_for(client, url):
    client.get(url)  # the first request of a test warms Wagtail's site and locale lookups
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_cards_show_places_left_and_a_full_activity(client, agenda):
    roomy = make_activity(agenda, "Leerbijeenkomst met ruimte", capacity=3)
    full = make_activity(agenda, "Volle cursus oplossingsgericht werken", capacity=1)
    registration_of(roomy, "een@x.nl")
    registration_of(full, "twee@x.nl")
    services.register(
        full,
        name="Drie",
        email="drie@x.nl",
        municipality=None,
        organisation="VNG",
        professional_group=None,
        remark="",
        language="nl",
    )
    html = client.get(agenda.url).content.decode()
    roomy_card = html[html.index("Leerbijeenkomst met ruimte") :]
    assert "Nog 2 plaatsen vrij." in roomy_card[: roomy_card.index("</li>")]
    full_card = html[html.index("Volle cursus oplossingsgericht werken") :]
    full_card = full_card[: full_card.index("</li>")]
    assert "Vol – aanmelden voor de wachtlijst" in full_card
    assert "plaatsen vrij" not in full_card and "plaats vrij" not in full_card


def test_a_card_says_when_registration_has_closed(client, agenda):
    make_activity(
        agenda,
        "Werkbezoek met verstreken termijn",
        dates=[days_from_now(5)],
        registration_deadline=timezone.now() - datetime.timedelta(days=1),
    )
    html = client.get(agenda.url).content.decode()
    card = html[html.index("Werkbezoek met verstreken termijn") :]
    assert "De aanmeldtermijn is verlopen." in card[: card.index("</li>")]


def test_twelve_cards_cost_no_more_queries_than_one(client, agenda):
    first = make_activity(agenda, "Activiteit 1", capacity=5)
    registration_of(first, "eerste@x.nl")
    one, html = queries_for(client, agenda.url)
    assert html.count('class="practice-card activity-card"') == 1
    for n in range(2, 13):
        activity = make_activity(
            agenda, f"Activiteit {n}", dates=[days_from_now(30), days_from_now(30 + n)]
        )
        registration_of(activity, f"deelnemer{n}@x.nl")
    twelve, html = queries_for(client, agenda.url)
    assert html.count('class="practice-card activity-card"') == 12
    assert ActivityPage.objects.live().count() == 12
    assert twelve == one, f"{one} queries for one card, {twelve} for twelve"
