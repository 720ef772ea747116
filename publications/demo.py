"""Demo publications for `make run`: the 2015 VNG / A&O fonds gemeenten report and a guide, with sample PDFs.

The real report is not shipped; its demo file is generated, clearly marked as a sample, with a
distinctive word ("wijkleeratelier") on page 3 only, so a reader can try searching inside files.
Idempotent: what already exists (by slug, document title or publisher slug) is left as it is.
"""

import datetime
import io

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale

from practices.setup import ensure_moderation
from publications.extraction import extracting_inline
from publications.models import (
    PublicationFile,
    PublicationIndexPage,
    PublicationPage,
    PublicationPractice,
    PublicationProfessionalGroup,
    PublicationPublisher,
    PublicationTheme,
    Publisher,
)
from publications.sample_pdf import make_pdf

PAGE3_WORD = "wijkleeratelier"
SAMPLE_NOTE = (
    "Dit is een voorbeeldbestand van de kennisbank voor demonstratie; het is niet de echte "
    "publicatie. De echte publicatie is niet meegeleverd."
)

PUBLISHERS = [
    ("Vereniging van Nederlandse Gemeenten", "VNG", "vng", "https://vng.nl/"),
    ("A&O fonds gemeenten", "A&O", "ao-fonds-gemeenten", "https://www.aenofondsgemeenten.nl/"),
    ("Redactie Lerend Werken kennisbank", "", "redactie-lerend-werken", ""),
]

INDEX = {
    "nl": {
        "title": "Publicaties",
        "slug": "publicaties",
        "intro": "<p>Rapporten en handreikingen over lerend werken in gemeenten, om te downloaden. "
        "De zoekfunctie doorzoekt ook de tekst van de bestanden.</p>",
    },
    "en": {
        "title": "Publications",
        "slug": "publications",
        "intro": "<p>Reports and guides about learning at work in Dutch municipalities, to download. "
        "Search also looks inside the files.</p>",
    },
}

REPORT_PAGES = [
    (
        "Overheidsprofessionals werken aan nieuwe rollen",
        [
            "VNG en A&O fonds gemeenten, mei 2015.",
            SAMPLE_NOTE,
            "Praktijkvoorbeelden en tips voor een zelflerende organisatie.",
        ],
    ),
    (
        "1. Nieuwe taken, nieuwe rollen",
        [
            "Met de drie decentralisaties van 2015 krijgen gemeenten taken in jeugdzorg, werk en "
            "ondersteuning erbij. Professionals gaan het gesprek aan de keukentafel voeren en "
            "werken vanuit de bedoeling in plaats van vanuit de regel.",
            "Dat vraagt nieuwe rollen: de generalist in het wijkteam, de regisseur, de "
            "netwerker. Die rollen leer je niet uit een boek maar in het werk zelf.",
        ],
    ),
    (
        "2. Leren waar het werk is",
        [
            "In verschillende gemeenten komen wijkteams eens per maand samen in een "
            f"{PAGE3_WORD}: een vaste middag waarop professionals uit zorg, welzijn en werk samen "
            "een casus uit de wijk bespreken, op locatie en met de inwoner aan tafel.",
            "Collegiaal leren, intervisie en casuistiekbespreking helpen om van elkaars ervaring "
            "te leren. Teamcoaching ondersteunt zelfsturende teams bij het vinden van hun ritme.",
        ],
    ),
    (
        "3. De organisatie leert mee",
        [
            "Een lerende organisatie maakt ruimte voor experimenten en accepteert dat niet alles "
            "in een keer lukt. Leidinggevenden faciliteren in plaats van te sturen.",
            "HRM helpt met functieprofielen die ruimte laten voor de nieuwe rollen, en met "
            "opleidingsbudget dat teams zelf kunnen inzetten.",
        ],
    ),
    (
        "4. Tips voor een zelflerende organisatie",
        [
            "Begin klein, met een team dat wil. Deel wat werkt en wat niet. Nodig inwoners uit. "
            "Maak tijd voor reflectie vast onderdeel van de week. Leer over de grenzen van "
            "afdelingen en gemeenten heen.",
        ],
    ),
    (
        "Colofon",
        [
            "Uitgave van VNG en A&O fonds gemeenten (2015). " + SAMPLE_NOTE,
        ],
    ),
]

GUIDE_PAGES = [
    ("Handreiking collegiaal leren", [SAMPLE_NOTE]),
    (
        "Intervisie in vijf stappen",
        [
            "Kies een casus, verhelder de vraag, stel open vragen, deel ervaringen en spreek af "
            "wat de inbrenger gaat doen. Een vaste groep van zes tot acht collega's werkt het best.",
        ],
    ),
    (
        "Leren op locatie",
        [
            "Bezoek een andere gemeente en kijk mee in de praktijk. Bereid samen vragen voor en "
            "bespreek na afloop wat je meeneemt naar je eigen team.",
        ],
    ),
]

PUBLICATIONS = [
    {
        "slug": "overheidsprofessionals-werken-aan-nieuwe-rollen",
        "title": "Overheidsprofessionals werken aan nieuwe rollen",
        "summary": (
            "Een verzameling praktijkvoorbeelden van gemeenten die na de decentralisaties van 2015 "
            "werken aan nieuwe rollen voor hun professionals, met tips voor een zelflerende organisatie."
        ),
        "en": {
            "slug": "public-professionals-working-on-new-roles",
            "title": "Public professionals working on new roles",
            "summary": (
                "A collection of practice examples from municipalities working on new roles for "
                "their professionals after the 2015 decentralisations, with tips for a "
                "self-learning organisation."
            ),
            "file_title": "Full report (sample file)",
        },
        "date": datetime.date(2015, 5, 1),
        "publishers": ["vng", "ao-fonds-gemeenten"],
        "themes": ["3d-transformatie", "zelfsturende-teams", "de-bedoeling"],
        "groups": ["wijkteams", "consulenten-sociaal-domein"],
        "document_title": "Overheidsprofessionals werken aan nieuwe rollen (voorbeeldbestand)",
        "file_title": "Volledig rapport (voorbeeldbestand)",
        "file_name": "overheidsprofessionals-werken-aan-nieuwe-rollen.pdf",
        "pages": REPORT_PAGES,
        "practice_words": ["wijkteam", "keukentafel", "zelfsturend", "bedoeling", "3d"],
        "cover": (
            "Overheidsprofessionals werken aan nieuwe rollen",
            "VNG · A&O fonds gemeenten · 2015",
        ),
    },
    {
        "slug": "handreiking-collegiaal-leren",
        "title": "Handreiking collegiaal leren",
        "summary": (
            "Een korte handreiking voor teams die willen beginnen met intervisie, "
            "casuistiekbespreking en leren op locatie."
        ),
        "en": {
            "slug": "guide-to-collegial-learning",
            "title": "Guide to collegial learning",
            "summary": (
                "A short guide for teams that want to start with peer consultation, case "
                "discussions and learning on location."
            ),
            "file_title": "Guide (sample file)",
        },
        "date": datetime.date(2017, 9, 1),
        "publishers": ["redactie-lerend-werken"],
        "themes": ["collegiaal-leren", "netwerkend-werken"],
        "groups": ["wijkteams", "management"],
        "document_title": "Handreiking collegiaal leren (voorbeeldbestand)",
        "file_title": "Handreiking (voorbeeldbestand)",
        "file_name": "handreiking-collegiaal-leren.pdf",
        "pages": GUIDE_PAGES,
        "practice_words": ["intervisie", "leren", "netwerk"],
        "cover": None,
    },
]


def _cover_image(title, subtitle):
    """A plain generated cover: the title in white on the site's petrol colour."""
    from PIL import Image as PILImage
    from PIL import ImageDraw, ImageFont

    image = PILImage.new("RGB", (600, 848), (0, 92, 110))
    draw = ImageDraw.Draw(image)
    try:
        big, small = ImageFont.load_default(size=40), ImageFont.load_default(size=24)
    except TypeError:  # an old Pillow without scalable default font
        big = small = ImageFont.load_default()
    y = 120
    words, line = title.split(), ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=big) > 500 and line:
            draw.text((50, y), line, fill="white", font=big)
            y, line = y + 56, word
        else:
            line = candidate
    draw.text((50, y), line, fill="white", font=big)
    draw.text((50, 760), subtitle, fill="white", font=small)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def ensure_publishers():
    publishers = {}
    for name, short_name, slug, website in PUBLISHERS:
        publishers[slug] = Publisher.objects.get_or_create(
            slug=slug, defaults={"name": name, "short_name": short_name, "website": website}
        )[0]
    return publishers


def ensure_index(home):
    """The Dutch publication index under the home page, and its English translation."""
    index = PublicationIndexPage.objects.child_of(home).first()
    if index is None:
        index = PublicationIndexPage(**INDEX["nl"])
        home.add_child(instance=index)
        index.save_revision().publish()
    english = Locale.objects.filter(language_code="en").first()
    if english and not index.has_translation(english):
        translation = index.copy_for_translation(english)
        for field, value in INDEX["en"].items():
            setattr(translation, field, value)
        translation.save_revision().publish()
    ensure_editor_permissions()
    return index


def ensure_editor_permissions():
    """Editors add and change publications as they do practices (Redactie), Hoofdredactie
    publishes, through the same workflow: page permissions on every publication index."""
    ensure_moderation(indexes=list(PublicationIndexPage.objects.all()))


def _document(spec):
    Document = get_document_model()
    document = Document.objects.filter(title=spec["document_title"]).first()
    if document is None:
        data = make_pdf(spec["pages"], title=spec["title"])
        document = Document(
            title=spec["document_title"], file=ContentFile(data, name=spec["file_name"])
        )
        document._set_document_file_metadata()
        document.save()  # the text is read at once (extracting_inline)
    return document


def _cover(spec):
    if not spec["cover"]:
        return None, ""
    Image = get_image_model()
    title = f"Omslag {spec['title']}"
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(
            title=title, file=ContentFile(_cover_image(*spec["cover"]), name="omslag.png")
        )
        image.save()
    alt = f"Omslag met de titel ‘{spec['title']}’ in witte letters op een blauwgroene achtergrond"
    return image, alt


def demo_practices(words, limit=4):
    """Demo practices whose title mentions one of `words`; none when there are no practices."""
    from django.db.models import Q

    from practices.models import PracticePage

    query = Q()
    for word in words:
        query |= Q(title__icontains=word) | Q(summary__icontains=word)
    dutch = PracticePage.objects.live().filter(locale__language_code="nl")
    return list(dutch.filter(query).order_by("title")[:limit])


def _translate(page, spec):
    english = Locale.objects.filter(language_code="en").first()
    if english is None or page.has_translation(english):
        return
    if not page.get_parent().has_translation(english):
        return
    translation = page.copy_for_translation(english)
    translation.title = spec["en"]["title"]
    translation.slug = spec["en"]["slug"]
    translation.summary = spec["en"]["summary"]
    # Translated pages point at the translated terms and practices (or drop what has none).
    for link, attribute in (
        (translation.publication_themes, "theme"),
        (translation.publication_professional_groups, "professional_group"),
        (translation.discussed_practices, "practice"),
    ):
        for item in list(link.all()):
            target = getattr(item, attribute).get_translation_or_none(english)
            if target is None:
                item.delete()
            else:
                setattr(item, attribute, target)
                item.save()
    for item in translation.files.all():
        item.title = spec["en"]["file_title"]
        item.save()
    translation.save_revision().publish()


@transaction.atomic
def load_demo_publications(home, stdout=None):
    """Create what is missing of the demo publications; return the Dutch publication pages."""
    from practices.models import ProfessionalGroup, Theme

    def say(message):
        if stdout is not None:
            stdout.write(message)

    publishers = ensure_publishers()
    index = ensure_index(home)
    pages = []
    with extracting_inline():
        for spec in PUBLICATIONS:
            page = PublicationPage.objects.child_of(index).filter(slug=spec["slug"]).first()
            if page is not None:
                pages.append(page)
                _translate(page, spec)
                continue
            document = _document(spec)
            cover, cover_alt = _cover(spec)
            page = PublicationPage(
                title=spec["title"],
                slug=spec["slug"],
                summary=spec["summary"],
                publication_date=spec["date"],
                cover_image=cover,
                cover_image_alt=cover_alt,
            )
            page.publication_publishers = [
                PublicationPublisher(publisher=publishers[slug]) for slug in spec["publishers"]
            ]
            page.files = [PublicationFile(document=document, title=spec["file_title"])]
            page.publication_themes = [
                PublicationTheme(theme=t)
                for t in Theme.objects.filter(locale=index.locale, slug__in=spec["themes"])
            ]
            page.publication_professional_groups = [
                PublicationProfessionalGroup(professional_group=g)
                for g in ProfessionalGroup.objects.filter(
                    locale=index.locale, slug__in=spec["groups"]
                )
            ]
            practices = demo_practices(spec["practice_words"])
            page.discussed_practices = [PublicationPractice(practice=p) for p in practices]
            index.add_child(instance=page)
            page.save_revision().publish()
            say(f"Publicatie aangemaakt: {page.title} ({len(practices)} praktijkvoorbeelden)")
            _translate(page, spec)
            pages.append(page)
    return pages
