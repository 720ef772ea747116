"""The overview "Collega's die je verder helpen" (/collegas/), the intake "Stel je kennisvraag"
(/stel-je-kennisvraag/), their English translations and the editors' permissions; plus demo
trainers, open and answered questions. Idempotent: found again by slug, nothing added twice (the
agenda's demo may add profiles under the same overview)."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from django.utils.translation import override
from wagtail.models import Locale

from colleagues.models import (
    ColleagueIndexPage,
    ColleagueLearningForm,
    ColleaguePage,
    ColleagueProfessionalGroup,
    ColleagueTheme,
    KnowledgeQuestion,
    QuestionAnswerPage,
    QuestionIntakePage,
)

INDEX_SLUG = "collegas"
INTAKE_SLUG = "stel-je-kennisvraag"
PAGES = {
    ColleagueIndexPage: {
        "nl": {"title": "Collega's die je verder helpen", "slug": INDEX_SLUG},
        "en": {"title": "Colleagues who can help you", "slug": "colleagues"},
    },
    QuestionIntakePage: {
        "nl": {"title": "Stel je kennisvraag", "slug": INTAKE_SLUG},
        "en": {"title": "Ask your question", "slug": "ask-your-question"},
    },
}
EDITOR_GROUPS = ("Redactie", "Hoofdredactie")
EDITOR_PERMISSIONS = [
    ("colleagues", f"{action}_{model}")
    for model in ("knowledgequestion", "incompanyrequest")
    for action in ("view", "change")
]


def ensure_page(home, model):
    english = Locale.objects.get(language_code="en")
    content = PAGES[model]
    page = model.objects.filter(locale=home.locale).first()
    if page is None:
        with override("nl"):
            page = model(**content["nl"])
            home.add_child(instance=page)
            page.save_revision().publish()
    if not page.has_translation(english):
        translation = page.copy_for_translation(english)
        for field, value in content["en"].items():
            setattr(translation, field, value)
        translation.save_revision().publish()
    return page


def ensure_permissions():
    """The editors handle questions and requests, and edit profiles and answer pages as they edit
    practices: Redactie adds and changes, Hoofdredactie publishes, through the same workflow."""
    from practices.setup import ensure_moderation

    ensure_moderation(
        indexes=[*ColleagueIndexPage.objects.all(), *QuestionIntakePage.objects.all()]
    )
    for name in EDITOR_GROUPS:
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        for app_label, codename in EDITOR_PERMISSIONS:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


@transaction.atomic
def ensure_colleagues_setup(home):
    index = ensure_page(home, ColleagueIndexPage)
    intake = ensure_page(home, QuestionIntakePage)
    ensure_permissions()
    return index, intake


# --- demo ------------------------------------------------------------------------------------

# (name, slug, municipality, job, helps with, themes, groups, learning forms, in-company)
TRAINERS = [
    (
        "Linda Groothuis",
        "linda-groothuis",
        "Deventer",
        "wijkteammedewerker (fictief)",
        "Intervisie opzetten en begeleiden in een wijkteam: twijfels bespreken voordat ze fouten worden.",
        ["collegiaal-leren", "wmo"],
        ["wijkteams"],
        ["intervisie"],
        True,
    ),
    (
        "Gert Jan Mulder",
        "gert-jan-mulder",
        "Emmen",
        "teamcoach (fictief)",
        "Teams begeleiden die zelfsturend worden: verantwoordelijkheden verdelen, capaciteit en planning in het team, de rol van de leidinggevende.",
        ["zelfsturende-teams", "participatiewet"],
        ["management", "consulenten-sociaal-domein"],
        ["teamcoaching"],
        True,
    ),
    (
        "Sandra Verhoef",
        "sandra-verhoef",
        None,
        "programmaleider HRM (fictief)",
        "HRM en personeelsadviseurs bij grote veranderingen: leerbijeenkomsten, strategische personeelsplanning en zicht op capaciteit en formatie.",
        ["collegiaal-leren", "3d-transformatie"],
        ["hrm"],
        ["leerbijeenkomst"],
        True,
    ),
    (
        "Fatima El Amrani",
        "fatima-el-amrani",
        "Zwolle",
        "Wmo-consulent (fictief)",
        "Het keukentafelgesprek: de vraag achter de vraag, gespreksvaardigheid voor Wmo-consulenten.",
        ["wmo", "de-bedoeling"],
        ["consulenten-sociaal-domein"],
        ["rollenspel"],
        True,
    ),
    (
        "Sanne Kuipers",
        "sanne-kuipers",
        "Amersfoort",
        "beleidsadviseur (fictief)",
        "Netwerkend werken: samenwerken over afdelingen en organisaties heen, een collegiale cursus opzetten.",
        ["netwerkend-werken"],
        ["beleidsmedewerkers"],
        ["collegiale-cursus"],
        True,
    ),
    (
        "Bart Smeenk",
        "bart-smeenk",
        "Groningen",
        "vergunningverlener (fictief)",
        "De Omgevingswet in de praktijk: intervisie voor vergunningverleners, vergunnen vanuit ‘ja, mits’.",
        ["omgevingswet", "collegiaal-leren"],
        ["beleidsmedewerkers"],
        ["intervisie"],
        False,
    ),
    (
        "Peter Wolters",
        "peter-wolters",
        None,
        "inkoopadviseur (fictief)",
        "Jeugdhulp inkopen en contracteren in een regio: aanbesteden, samen leren met andere inkopers.",
        ["jeugdzorg", "3d-transformatie"],
        ["inkoop", "financien"],
        ["leerbijeenkomst"],
        True,
    ),
    (
        "Wietske Kamphuis",
        "wietske-kamphuis",
        "Assen",
        "teamleider wijkteam (fictief)",
        "Digitale vaardigheden in het wijkteam: werken met online tools en digitale dienstverlening voor inwoners.",
        ["digitalisering"],
        ["wijkteams"],
        ["leren-op-locatie"],
        False,
    ),
    (
        "Esther Smit",
        "esther-smit",
        "Zaanstad",
        "community manager (fictief)",
        "Een online community voor consulenten opzetten en levend houden: kennis delen tussen gemeenten.",
        ["wmo", "collegiaal-leren", "digitalisering"],
        ["consulenten-sociaal-domein"],
        ["online-community"],
        False,
    ),
    (
        "Martin de Graaf",
        "martin-de-graaf",
        "Gouda",
        "jeugdconsulent (fictief)",
        "Lastige gesprekken in de jeugdhulp oefenen met acteurs en rollenspel.",
        ["jeugdzorg"],
        ["consulenten-sociaal-domein"],
        ["rollenspel"],
        True,
    ),
    (
        "Tom Jansen",
        "tom-jansen",
        "Haarlem",
        "wijkregisseur (fictief)",
        "Burgerparticipatie: bewoners zelf laten beslissen over een buurtbudget.",
        ["burgerparticipatie"],
        ["communicatie", "bestuurders"],
        ["leren-op-locatie"],
        False,
    ),
    (
        "Rob Vermeulen",
        "rob-vermeulen",
        "Delft",
        "concerncontroller (fictief)",
        "Controllers en financiën: van controleren naar adviseren, werken vanuit de bedoeling.",
        ["de-bedoeling"],
        ["financien", "management"],
        ["teamcoaching"],
        True,
    ),
]

OPEN_QUESTIONS = [
    (
        "Hoe houden we als HR-team zicht op capaciteit nu teams zelfsturend worden?",
        "zelfsturende-teams",
        "hrm",
        "Utrecht",
    ),
    (
        "Wie heeft ervaring met intervisie voor Wmo-consulenten die net begonnen zijn?",
        "collegiaal-leren",
        "consulenten-sociaal-domein",
        "Zwolle",
    ),
]
ANSWERED = {
    "slug": "hoe-begin-je-met-intervisie-in-een-wijkteam",
    "title": "Hoe begin je met intervisie in een wijkteam?",
    "question": "Ons wijkteam wil met intervisie beginnen, maar niemand heeft het eerder begeleid. Hoe pakken we dat aan?",
    "answer": (
        "<p>Begin klein: eens per maand anderhalf uur, met een vaste groep van zes tot acht "
        "collega's en een vaste methode (bijvoorbeeld de incidentmethode). Laat de eerste keren "
        "iemand van buiten het team begeleiden en wissel daarna de rol van begeleider.</p>"
        "<p>In Deventer hielp het om intervisie in de roosters te zetten als werk, niet als "
        "extraatje. Lees ook het praktijkvoorbeeld hieronder.</p>"
    ),
    "answered_by": "linda-groothuis",
    "theme": "collegiaal-leren",
    "group": "wijkteams",
}


def _term(model, slug, locale):
    return model.objects.filter(slug=slug, locale=locale).first()


def _municipality(name):
    from practices.models import Municipality

    return Municipality.objects.filter(name=name, is_current=True).first() if name else None


@transaction.atomic
def load_demo_colleagues(home):
    """Add the demo trainers (with consent) and questions that are missing; returns how many
    profiles were added."""
    from practices.models import LearningForm, ProfessionalGroup, Theme

    index, intake = ensure_colleagues_setup(home)
    locale = index.locale
    added = 0
    profiles = {}
    for name, slug, place, job, helps, themes, groups, forms, in_company in TRAINERS:
        existing = ColleaguePage.objects.filter(slug=slug, locale=locale).first()
        if existing is not None:
            profiles[slug] = existing
            continue
        page = ColleaguePage(
            title=name,
            slug=slug,
            municipality=_municipality(place),
            organisation="" if place else "VNG / A&O fonds Gemeenten",
            job_title=job,
            helps_with=helps,
            takes_in_company_requests=in_company,
            email=f"{slug}@example.org",
            consent_given_at=timezone.now(),
        )
        page.themes = [
            ColleagueTheme(theme=t, locale=locale)
            for t in (_term(Theme, s, locale) for s in themes)
            if t
        ]
        page.professional_groups = [
            ColleagueProfessionalGroup(professional_group=g, locale=locale)
            for g in (_term(ProfessionalGroup, s, locale) for s in groups)
            if g
        ]
        page.learning_forms = [
            ColleagueLearningForm(learning_form=f, locale=locale)
            for f in (_term(LearningForm, s, locale) for s in forms)
            if f
        ]
        index.add_child(instance=page)
        page.save_revision().publish()
        profiles[slug] = page
        added += 1

    if not QuestionAnswerPage.objects.filter(slug=ANSWERED["slug"], locale=locale).exists():
        from colleagues.models import QuestionAnswerLink
        from practices.models import PracticePage

        answer = QuestionAnswerPage(
            title=ANSWERED["title"],
            slug=ANSWERED["slug"],
            question=ANSWERED["question"],
            answer=ANSWERED["answer"],
            answered_by=profiles.get(ANSWERED["answered_by"]),
            theme=_term(Theme, ANSWERED["theme"], locale),
            professional_group=_term(ProfessionalGroup, ANSWERED["group"], locale),
        )
        practice = PracticePage.objects.filter(
            title__startswith="Intervisie in een Deventer", locale=locale
        ).first()
        if practice is not None:
            answer.links = [QuestionAnswerLink(target=practice)]
        intake.add_child(instance=answer)
        answer.save_revision().publish()

    for text, theme, group, place in OPEN_QUESTIONS:
        if KnowledgeQuestion.objects.filter(text=text).exists():
            continue
        KnowledgeQuestion.objects.create(
            text=text,
            theme=_term(Theme, theme, locale),
            professional_group=_term(ProfessionalGroup, group, locale),
            municipality=_municipality(place),
            asker_email="vraagsteller@example.org",
            confirmed_at=timezone.now(),
        )
    return added
