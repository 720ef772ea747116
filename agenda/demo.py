"""Demo agenda for `make run`: the 2015 HRM learning meetings in four regions (with reports), an
upcoming series for buyers (inkopers), and collegial courses given by colleague-trainers.

Idempotent: pages are found by slug and only what is missing is made. Dates of upcoming
activities are counted from the day the demo is first loaded.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from agenda.models import (
    ActivityLearningForm,
    ActivityPage,
    ActivityProfessionalGroup,
    ActivitySession,
    ActivityTheme,
    ActivityTrainer,
    AgendaIndexPage,
)
from practices.models import LearningForm, Municipality, ProfessionalGroup, Theme
from practices.setup import ensure_moderation

INDEX = {
    "nl": {
        "title": "Agenda — Leren van collega's",
        "slug": "agenda",
        "intro": "<p>Leerbijeenkomsten en collegiale cursussen: door collega's, voor collega's, "
        "meestal kosteloos. Meld je aan, of kijk in het archief wat eerdere bijeenkomsten "
        "opleverden.</p>",
    },
    "en": {
        "title": "Agenda — Learning from colleagues",
        "slug": "agenda",
        "intro": "<p>Learning meetings and peer-led courses: by colleagues, for colleagues, mostly "
        "free of charge.</p>",
    },
}

COLLEAGUE_INDEX = {
    "title": "Collega's die je verder helpen",
    "slug": "collegas",
}

# (slug, name, CBS code, job title, helps with, themes, groups, learning forms)
COLLEAGUES = [
    (
        "marieke-jansen",
        "Marieke Jansen",
        "GM0150",
        "Consulent Wmo en interne trainer",
        "Vraagverheldering aan de keukentafel: doorvragen tot je weet wat iemand echt nodig heeft.",
    ),
    (
        "youssef-el-amrani",
        "Youssef El Amrani",
        "GM0307",
        "Teamcoach sociaal domein",
        "Oplossingsgericht werken in wijkteams: kleine stappen, wat werkt er al?",
    ),
    (
        "ingrid-de-boer",
        "Ingrid de Boer",
        "GM0080",
        "Adviseur leren en ontwikkelen",
        "Intervisiegroepen opzetten en begeleiden, ook als je dat nog nooit hebt gedaan.",
    ),
]


def _municipality(code):
    return Municipality.objects.filter(cbs_code=code).first()


def _terms(model, slugs):
    nl = Locale.objects.get(language_code="nl")
    return list(model.objects.filter(locale=nl, slug__in=slugs))


def ensure_agenda_index(home):
    """The Dutch agenda under the home page, and its English translation."""
    index = AgendaIndexPage.objects.child_of(home).first()
    if index is None:
        index = AgendaIndexPage(**INDEX["nl"])
        home.add_child(instance=index)
        index.save_revision().publish()
    english = Locale.objects.filter(language_code="en").first()
    if english and not index.has_translation(english) and home.has_translation(english):
        translation = index.copy_for_translation(english)
        for field, value in INDEX["en"].items():
            setattr(translation, field, value)
        translation.save_revision().publish()
    ensure_editor_permissions()
    return index


def ensure_editor_permissions():
    """Editors add and change activities as they do practices (Redactie), Hoofdredactie
    publishes, through the same workflow: page permissions on every agenda (nl and en)."""
    ensure_moderation(indexes=list(AgendaIndexPage.objects.all()))


def ensure_demo_colleagues(home):
    """The colleague-trainers the demo courses name, under "Collega's die je verder helpen"
    (slug `collegas`); returns {slug: ColleaguePage}. The colleagues app may add more."""
    from colleagues.models import ColleagueIndexPage, ColleaguePage

    index = ColleagueIndexPage.objects.child_of(home).first()
    if index is None:
        index = ColleagueIndexPage(**COLLEAGUE_INDEX)
        home.add_child(instance=index)
        index.save_revision().publish()
    found = {}
    for slug, name, code, job_title, helps_with in COLLEAGUES:
        page = ColleaguePage.objects.filter(slug=slug).first()
        if page is None:
            page = ColleaguePage(
                title=name,
                slug=slug,
                municipality=_municipality(code),
                job_title=job_title,
                helps_with=helps_with,
                takes_in_company_requests=True,
                email=f"{slug}@example.nl",
                consent_given_at=timezone.now(),
            )
            index.add_child(instance=page)
            page.save_revision().publish()
        found[slug] = page
    return found


def _hrm_report(region):
    return {
        "report_went_well": "<p>Veel herkenning tussen gemeenten: iedereen zoekt hoe HRM de "
        f"nieuwe rollen in het sociaal domein ondersteunt. In regio {region} werkten we met "
        "echte functieprofielen van deelnemers.</p>",
        "report_could_be_better": "<p>Te weinig tijd voor de uitwisseling in kleine groepen; "
        "de plenaire inleiding was te lang.</p>",
        "report_needs_next": "<ul><li>Hoe maak je opleidingsbudget beschikbaar voor teams zelf?"
        "</li><li>Voorbeelden van functieprofielen voor generalisten.</li><li>Een vervolg met "
        "leidinggevenden erbij.</li></ul>",
    }


def _specs(colleagues):
    today = timezone.localdate()

    def later(days):
        return today + datetime.timedelta(days=days)

    hrm_intro = (
        "Hoe ondersteunt HRM medewerkers in hun nieuwe rollen na de decentralisaties? "
        "Een middag uitwisselen met HRM-collega's uit de regio."
    )
    specs = []
    for slug, region, code, day in [
        ("hrm-2015-noord", "Noord", "GM0193", datetime.date(2015, 3, 12)),
        ("hrm-2015-oost", "Oost", "GM0202", datetime.date(2015, 4, 9)),
        ("hrm-2015-zuid", "Zuid", "GM0772", datetime.date(2015, 5, 21)),
        ("hrm-2015-west", "West", "GM0344", datetime.date(2015, 6, 18)),
    ]:
        specs.append(
            {
                "slug": slug,
                "title": f"Leerbijeenkomst HRM: nieuwe rollen in het sociaal domein (regio {region})",
                "summary": hrm_intro,
                "kind": ActivityPage.Kind.MEETING,
                "municipality": code,
                "venue": "Stadhuis",
                "sessions": [(day, datetime.time(13, 30), datetime.time(17, 0), "")],
                "capacity": 40,
                "groups": ["hrm"],
                "themes": ["collegiaal-leren", "zelfsturende-teams"],
                "forms": ["leerbijeenkomst"],
                "audience": "HRM-adviseurs, opleidingsadviseurs en leidinggevenden van gemeenten.",
                "report": _hrm_report(region),
            }
        )
    inkoop_intro = (
        "Inkopers en contractmanagers leren van elkaar: hoe koop je zorg en ondersteuning in "
        "op resultaat, en wat betekent dat voor de gesprekken met aanbieders?"
    )
    for slug, region, code, days, online in [
        ("inkopers-noord-oost", "Noord-Oost", "GM0193", 21, False),
        ("inkopers-zuid-west", "Zuid-West", "GM0599", 35, False),
        ("inkopers-online", "online", None, 49, True),
    ]:
        specs.append(
            {
                "slug": slug,
                "title": f"Leerbijeenkomst inkopers: resultaatgericht inkopen ({region})",
                "summary": inkoop_intro,
                "kind": ActivityPage.Kind.WEBINAR if online else ActivityPage.Kind.MEETING,
                "municipality": code,
                "online": online,
                "venue": "" if online else "Gemeentehuis, raadzaal",
                "sessions": [(later(days), datetime.time(13, 30), datetime.time(16, 30), "")],
                "capacity": 100 if online else 30,
                "groups": ["inkoop"],
                "themes": ["jeugdzorg", "wmo"],
                "forms": ["leerbijeenkomst"],
                "audience": "Inkopers en contractmanagers sociaal domein.",
            }
        )
    courses = [
        (
            "vraagverheldering",
            "Collegiale cursus vraagverheldering",
            "GM0150",
            "marieke-jansen",
            "Leer doorvragen tot je weet wat een inwoner echt nodig heeft. Drie korte modules met "
            "oefenen op eigen casussen.",
            ["Module 1: luisteren", "Module 2: doorvragen", "Module 3: samenvatten en afspreken"],
            14,
            12,
            ["consulenten-sociaal-domein"],
            ["wmo", "de-bedoeling"],
            ["collegiale-cursus"],
        ),
        (
            "oplossingsgericht-werken",
            "Collegiale cursus oplossingsgericht werken",
            "GM0307",
            "youssef-el-amrani",
            "Wat werkt er al, en wat is een kleine volgende stap? Twee "
            "middagen oplossingsgericht werken voor wijkteams.",
            ["Dag 1", "Dag 2"],
            28,
            16,
            ["wijkteams"],
            ["zelfsturende-teams"],
            ["collegiale-cursus"],
        ),
        (
            "intervisie-begeleiden",
            "Collegiale cursus intervisie begeleiden",
            "GM0080",
            "ingrid-de-boer",
            "Begeleid zelf een intervisiegroep in je gemeente. Vier bijeenkomsten "
            "met oefenen, en daarna een eigen groep.",
            ["Start", "Methoden", "Oefenen", "Terugblik"],
            42,
            10,
            ["management", "hrm"],
            ["collegiaal-leren"],
            ["intervisie", "collegiale-cursus"],
        ),
    ]
    for (
        slug,
        title,
        code,
        trainer,
        summary,
        parts,
        days,
        capacity,
        groups,
        themes,
        forms,
    ) in courses:
        specs.append(
            {
                "slug": slug,
                "title": title,
                "summary": summary,
                "kind": ActivityPage.Kind.COURSE,
                "municipality": code,
                "venue": "Leercentrum",
                "sessions": [
                    (later(days + 14 * n), datetime.time(9, 30), datetime.time(12, 30), part)
                    for n, part in enumerate(parts)
                ],
                "capacity": capacity,
                "groups": groups,
                "themes": themes,
                "forms": forms,
                "trainers": [colleagues[trainer]] if trainer in colleagues else [],
                "organisers": f"Gemeente {_municipality(code).name if _municipality(code) else ''}",
                "audience": "Collega's uit alle gemeenten; je hoeft niets voor te bereiden.",
            }
        )
    return specs


@transaction.atomic
def load_demo_agenda(home, stdout=None):
    """Create what is missing of the demo agenda; returns the Dutch activity pages."""
    index = ensure_agenda_index(home)
    colleagues = ensure_demo_colleagues(home)
    pages = []
    for spec in _specs(colleagues):
        page = ActivityPage.objects.child_of(index).filter(slug=spec["slug"]).first()
        if page is None:
            page = _make(index, spec)
            if stdout is not None:
                stdout.write(f"Activiteit aangemaakt: {page.title}")
        pages.append(page)
    return pages


def _make(index, spec):
    report = spec.get("report", {})
    page = ActivityPage(
        title=spec["title"],
        slug=spec["slug"],
        kind=spec["kind"],
        summary=spec["summary"],
        audience=spec.get("audience", ""),
        organisers=spec.get("organisers", "VNG, A&O fonds gemeenten"),
        is_online=spec.get("online", False),
        online_link="https://meet.example.nl/inkopers" if spec.get("online") else "",
        municipality=_municipality(spec["municipality"]) if spec.get("municipality") else None,
        venue=spec.get("venue", ""),
        capacity=spec.get("capacity"),
        costs="Kosteloos",
        programme=[
            ("item", {"time": "13.30 uur", "title": "Welkom en kennismaking", "description": ""}),
            (
                "item",
                {
                    "time": "14.00 uur",
                    "title": "In gesprek in kleine groepen",
                    "description": "Aan de hand van casussen van deelnemers.",
                },
            ),
            ("item", {"time": "16.00 uur", "title": "Wat neem je mee?", "description": ""}),
        ]
        if spec["kind"] != ActivityPage.Kind.COURSE
        else [],
        **report,
    )
    page.sessions = [
        ActivitySession(date=d, start_time=s, end_time=e, title=t)
        for d, s, e, t in spec["sessions"]
    ]
    page.activity_themes = [ActivityTheme(theme=t) for t in _terms(Theme, spec["themes"])]
    page.activity_professional_groups = [
        ActivityProfessionalGroup(professional_group=g)
        for g in _terms(ProfessionalGroup, spec["groups"])
    ]
    page.activity_learning_forms = [
        ActivityLearningForm(learning_form=f) for f in _terms(LearningForm, spec["forms"])
    ]
    page.trainers = [ActivityTrainer(colleague=c) for c in spec.get("trainers", [])]
    index.add_child(instance=page)
    page.save_revision().publish()
    return page
