"""The starting themes, professional groups and learning forms, in Dutch with English translations.

Loaded by the data migration 0003_seed_terms (so every database, tests included, has them) and
again by `load_demo_content`; both only add what is missing, editors' changes are kept.
"""

import uuid

# (Dutch name, Dutch slug, Dutch description, English name, English slug, English description)
THEMES = [
    (
        "De bedoeling",
        "de-bedoeling",
        "Werken vanuit de bedoeling: eerst vragen waarvoor iets dient, dan pas de regel of het systeem.",
        "Purpose first",
        "purpose-first",
        "Working from the purpose: first ask what something is for, then the rule or the system.",
    ),
    (
        "Zelfsturende teams",
        "zelfsturende-teams",
        "Teams die zelf verantwoordelijkheid nemen voor werk, planning en resultaat, met een leidinggevende die faciliteert.",
        "Self-managing teams",
        "self-managing-teams",
        "Teams that take responsibility for their own work, planning and results, with a manager who facilitates.",
    ),
    (
        "3D-transformatie",
        "3d-transformatie",
        "De drie decentralisaties van 2015 (Participatiewet, Jeugdwet, Wmo) en de verandering van werken die ze vroegen.",
        "3D transformation",
        "3d-transformation",
        "The three decentralisations of 2015 (Participation Act, Youth Act, Social Support Act) and the change in working they required.",
    ),
    (
        "Participatiewet",
        "participatiewet",
        "Werk en inkomen: mensen met en zonder arbeidsbeperking aan het werk helpen en ondersteunen.",
        "Participation Act",
        "participation-act",
        "Work and income: helping people with and without a work-related disability into work and supporting them.",
    ),
    (
        "Jeugdzorg",
        "jeugdzorg",
        "Hulp aan jeugdigen en gezinnen onder de Jeugdwet, van inkoop tot wijkteam.",
        "Youth care",
        "youth-care",
        "Help for young people and families under the Youth Act, from procurement to neighbourhood team.",
    ),
    (
        "Wmo",
        "wmo",
        "Maatschappelijke ondersteuning: zelfstandig thuis wonen en meedoen, met het keukentafelgesprek als begin.",
        "Social Support Act (Wmo)",
        "social-support-act",
        "Social support: living independently at home and taking part, starting with the kitchen-table conversation.",
    ),
    (
        "Omgevingswet",
        "omgevingswet",
        "Ruimte, wonen en leefomgeving onder de Omgevingswet: participatie, vergunningen en integraal werken.",
        "Environment and Planning Act",
        "environment-and-planning-act",
        "Space, housing and the living environment under the Environment and Planning Act: participation, permits and integrated working.",
    ),
    (
        "Netwerkend werken",
        "netwerkend-werken",
        "Samenwerken over afdelingen en organisaties heen, in netwerken in plaats van hiërarchieën.",
        "Networked working",
        "networked-working",
        "Working across departments and organisations, in networks rather than hierarchies.",
    ),
    (
        "Collegiaal leren",
        "collegiaal-leren",
        "Van en met collega's leren: intervisie, casuïstiek, meelopen en kennis delen.",
        "Peer learning",
        "peer-learning",
        "Learning from and with colleagues: peer consultation, case discussions, shadowing and sharing knowledge.",
    ),
    (
        "Burgerparticipatie",
        "burgerparticipatie",
        "Inwoners die meedenken, meebeslissen en zelf initiatief nemen; de gemeente die daar ruimte voor maakt.",
        "Citizen participation",
        "citizen-participation",
        "Residents who think along, decide along and take initiative; the municipality that makes room for it.",
    ),
    (
        "Digitalisering",
        "digitalisering",
        "Digitale dienstverlening en digitale werkwijzen, met oog voor wie niet mee kan komen.",
        "Digitalisation",
        "digitalisation",
        "Digital services and digital ways of working, with an eye for those who cannot keep up.",
    ),
]

PROFESSIONAL_GROUPS = [
    (
        "HRM",
        "hrm",
        "Personeelszaken, opleiden en ontwikkelen.",
        "HRM",
        "hrm",
        "Human resources, training and development.",
    ),
    (
        "Inkoop",
        "inkoop",
        "Inkopers en contractmanagers.",
        "Procurement",
        "procurement",
        "Buyers and contract managers.",
    ),
    (
        "Consulenten sociaal domein",
        "consulenten-sociaal-domein",
        "Consulenten Wmo, jeugd en werk en inkomen.",
        "Social domain consultants",
        "social-domain-consultants",
        "Consultants for social support, youth, and work and income.",
    ),
    (
        "Management",
        "management",
        "Leidinggevenden en directie.",
        "Management",
        "management",
        "Managers and directors.",
    ),
    (
        "Beleidsmedewerkers",
        "beleidsmedewerkers",
        "Beleidsadviseurs en beleidsmedewerkers.",
        "Policy officers",
        "policy-officers",
        "Policy advisers and policy officers.",
    ),
    (
        "Financiën",
        "financien",
        "Control, begroting en financieel advies.",
        "Finance",
        "finance",
        "Control, budgeting and financial advice.",
    ),
    (
        "Communicatie",
        "communicatie",
        "Communicatieadviseurs en redacteuren.",
        "Communications",
        "communications",
        "Communications advisers and editors.",
    ),
    (
        "Wijkteams",
        "wijkteams",
        "Medewerkers van sociale wijkteams en gebiedsteams.",
        "Neighbourhood teams",
        "neighbourhood-teams",
        "Members of social neighbourhood teams and area teams.",
    ),
    (
        "Bestuurders",
        "bestuurders",
        "Wethouders, burgemeesters en gemeentesecretarissen.",
        "Elected officials",
        "elected-officials",
        "Aldermen, mayors and municipal secretaries.",
    ),
]

LEARNING_FORMS = [
    (
        "Intervisie",
        "intervisie",
        "Collega's bespreken volgens een vaste methode een vraag uit het werk van één van hen.",
        "Peer consultation",
        "peer-consultation",
        "Colleagues discuss a question from one colleague's work following a set method.",
    ),
    (
        "Casuïstiekbespreking",
        "casuistiekbespreking",
        "Een team bespreekt een concrete casus om tot een aanpak en gedeelde uitgangspunten te komen.",
        "Case discussion",
        "case-discussion",
        "A team discusses a concrete case to agree on an approach and shared principles.",
    ),
    (
        "Teamcoaching",
        "teamcoaching",
        "Een coach begeleidt een team bij samenwerken, sturen en leren.",
        "Team coaching",
        "team-coaching",
        "A coach supports a team in working together, steering and learning.",
    ),
    (
        "Rollenspel",
        "rollenspel",
        "Gesprekken oefenen met een acteur of met collega's, en erop reflecteren.",
        "Role play",
        "role-play",
        "Practising conversations with an actor or with colleagues, and reflecting on them.",
    ),
    (
        "Leren op locatie",
        "leren-op-locatie",
        "Leren waar het werk gebeurt: meelopen, werkbezoeken, in de wijk.",
        "Learning on site",
        "learning-on-site",
        "Learning where the work happens: shadowing, work visits, in the neighbourhood.",
    ),
    (
        "Collegiale cursus",
        "collegiale-cursus",
        "Een cursus door en voor collega's, vaak van meerdere gemeenten.",
        "Peer-led course",
        "peer-led-course",
        "A course by and for colleagues, often from several municipalities.",
    ),
    (
        "Leerbijeenkomst",
        "leerbijeenkomst",
        "Een bijeenkomst rond een thema waarin deelnemers ervaringen uitwisselen.",
        "Learning meeting",
        "learning-meeting",
        "A meeting around a theme in which participants exchange experiences.",
    ),
    (
        "Online community",
        "online-community",
        "Een online plek waar vakgenoten vragen stellen en kennis delen.",
        "Online community",
        "online-community",
        "An online place where peers ask questions and share knowledge.",
    ),
]


def seed_terms(Locale, Theme, ProfessionalGroup, LearningForm):
    """Add the starting terms that are missing (by Dutch slug); return how many were created.

    Takes the model classes so a data migration can pass its historical models.
    """
    dutch = Locale.objects.get_or_create(language_code="nl")[0]
    english = Locale.objects.get_or_create(language_code="en")[0]
    created = 0
    for model, terms in (
        (Theme, THEMES),
        (ProfessionalGroup, PROFESSIONAL_GROUPS),
        (LearningForm, LEARNING_FORMS),
    ):
        for name, slug, description, name_en, slug_en, description_en in terms:
            term = model.objects.filter(locale=dutch, slug=slug).first()
            if term is None:
                term = model.objects.create(
                    locale=dutch,
                    slug=slug,
                    name=name,
                    description=description,
                    translation_key=uuid.uuid4(),
                )
                created += 1
            has_english = model.objects.filter(
                locale=english, translation_key=term.translation_key
            ).exists()
            if not has_english and not model.objects.filter(locale=english, slug=slug_en).exists():
                model.objects.create(
                    locale=english,
                    slug=slug_en,
                    name=name_en,
                    description=description_en,
                    translation_key=term.translation_key,
                )
                created += 1
    return created
