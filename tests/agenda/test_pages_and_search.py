"""The agenda as visitors see it (upcoming first, filters, archive with reports), activities in
search and the API, the organisers' admin view, and the demo agenda."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command

from agenda import services
from agenda.models import ActivityPage, Registration
from tests.agenda.helpers import days_from_now, log_in_as_organiser, make_activity


@pytest.fixture(scope="module")
def module_content(module_agenda):
    from practices.models import ProfessionalGroup

    inkoop = ProfessionalGroup.objects.get(slug="inkoop", locale__language_code="nl")
    later = make_activity(
        module_agenda,
        "Leerbijeenkomst inkopers Rotterdam",
        dates=[days_from_now(40)],
        municipality="GM0599",
        professional_groups=[inkoop],
    )
    soon = make_activity(
        module_agenda,
        "Intervisie begeleiden in Zwolle",
        dates=[days_from_now(10)],
        kind=ActivityPage.Kind.COURSE,
    )
    past = make_activity(
        module_agenda,
        "Leerbijeenkomst HRM regio Noord",
        dates=[datetime.date(2015, 3, 12)],
        report_went_well="<p>Veel herkenning tussen gemeenten.</p>",
    )
    return {"later": later, "soon": soon, "past": past}


def titles(html, names):
    return sorted((html.find(name), name) for name in names if name in html)


def test_upcoming_first_in_date_order_without_the_past(client, module_content, agenda):
    html = client.get(agenda.url).content.decode()
    order = [
        name
        for _pos, name in titles(
            html,
            [
                "Intervisie begeleiden in Zwolle",
                "Leerbijeenkomst inkopers Rotterdam",
                "Leerbijeenkomst HRM regio Noord",
            ],
        )
    ]
    assert order == ["Intervisie begeleiden in Zwolle", "Leerbijeenkomst inkopers Rotterdam"]


def test_archive_shows_past_activities_with_their_report(client, module_content, agenda):
    html = client.get(agenda.url + "archief/").content.decode()
    assert "Leerbijeenkomst HRM regio Noord" in html
    assert "Afgelopen – met verslag" in html
    page = client.get(module_content["past"].url).content.decode()
    assert "Veel herkenning tussen gemeenten." in page
    assert 'href="' + module_content["past"].route_url("register") not in page


@pytest.mark.parametrize(
    "query, expected",
    [
        ("beroepsgroep=inkoop", ["Leerbijeenkomst inkopers Rotterdam"]),
        ("provincie=zuid-holland", ["Leerbijeenkomst inkopers Rotterdam"]),
        ("soort=collegiale-cursus", ["Intervisie begeleiden in Zwolle"]),
        ("vorm=online", []),
    ],
)
def test_filters(client, module_content, agenda, query, expected):
    html = client.get(agenda.url + "?" + query).content.decode()
    found = [
        n
        for n in ["Leerbijeenkomst inkopers Rotterdam", "Intervisie begeleiden in Zwolle"]
        if f">{n}<" in html
    ]
    assert found == expected


def test_month_filter_and_bad_month_is_ignored_with_a_message(client, module_content, agenda):
    month = days_from_now(10).strftime("%Y-%m")
    html = client.get(agenda.url + f"?maand={month}").content.decode()
    assert ">Intervisie begeleiden in Zwolle<" in html
    bad = client.get(agenda.url + "?maand=dertien")
    assert bad.status_code == 200
    assert "begrijpen we niet" in bad.content.decode()


def test_activities_are_found_in_search_and_the_api_as_a_type(client, module_content):
    html = client.get("/zoeken/?q=intervisie+begeleiden&type=activiteit").content.decode()
    assert "Intervisie begeleiden in Zwolle" in html
    data = client.get("/api/v1/search?q=inkopers&type=activiteit").json()
    hits = data.get("results") or data.get("hits") or []
    assert any("inkopers Rotterdam" in hit["title"] for hit in hits)
    assert "activiteit" in str(data.get("facets", {}).get("type", ""))


def test_menu_links_to_the_agenda(client, module_content, agenda):
    assert f'href="{agenda.url}"' in client.get("/").content.decode()


def test_organiser_sees_registrations_marks_attendance_and_exports(
    client, module_content, django_user_model
):
    activity = ActivityPage.objects.get(pk=module_content["soon"].pk)
    registration, _created = services.register(
        activity,
        name="Anna de Vries",
        email="anna@zwolle.nl",
        municipality=None,
        organisation="VNG",
        professional_group=None,
        remark="=SOM(A1)",
        language="nl",
    )
    services.confirm_email(registration.pk)
    registration.refresh_from_db()
    log_in_as_organiser(client, django_user_model)
    url = f"/admin/agenda/aanmeldingen/{activity.pk}/"
    assert "Anna de Vries" in client.get(url).content.decode()
    client.post(url, {"action": "attendance", "code": registration.attendance_code.lower()})
    registration.refresh_from_db()
    assert registration.attended_at is not None
    export = client.get(url + "?format=csv").content.decode("utf-8-sig")
    assert "anna@zwolle.nl" in export
    assert "'=SOM(A1)" in export  # not run as a formula


def test_editor_without_the_permission_cannot_see_registrations(
    client, module_content, admin_user, django_user_model
):
    user = django_user_model.objects.create_user("redacteur", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get("/admin/agenda/aanmeldingen/")
    assert response.status_code in (302, 403)


def test_demo_agenda_is_idempotent(db):
    call_command("load_demo_agenda", stdout=open("/dev/null", "w"))
    count = ActivityPage.objects.count()
    call_command("load_demo_agenda", stdout=open("/dev/null", "w"))
    assert ActivityPage.objects.count() == count
    assert ActivityPage.objects.filter(slug__startswith="hrm-2015").count() == 4
    assert Registration.objects.count() == 0
