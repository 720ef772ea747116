"""The pages a Dutch public site links from its footer: contact, privacy, accessibility, colofon.

`setup_site` creates them once, in Dutch and English, with text an editor finishes (the parts in
[brackets]). Each page has a fixed translation key, so running setup again finds it even after an
editor renamed or moved it, and adds nothing twice.
"""

import uuid

from django.db import transaction
from django.utils.translation import override
from wagtail.models import Locale, Page

from home.models import InformationPage

# Fixed, so setup recognises its own pages whatever an editor did to their title or slug.
KEY_NAMESPACE = uuid.UUID("6f1f7c3e-2b0a-4d0e-9a51-3c1d2f6b8e10")

ACCESSIBILITY_NL = """
<h2>Verklaring</h2>
<p>[Naam organisatie] wil dat iedereen de Lerend Werken kennisbank kan gebruiken, ook mensen met een
beperking. We streven ernaar om onze online informatie en dienstverlening toegankelijk te maken,
overeenkomstig het Besluit digitale toegankelijkheid overheid. Deze toegankelijkheidsverklaring is van
toepassing op de inhoud van de website Lerend Werken kennisbank ([adres van de website]).</p>
<h2>Nalevingsstatus</h2>
<p>[Status A, B, C, D of E, zoals in het register.] Stel de verklaring op met de invulassistent op
<a href="https://www.toegankelijkheidsverklaring.nl/">toegankelijkheidsverklaring.nl</a>; daar staat
de officiële verklaring met de uitleg van de statussen.</p>
<h2>Onderbouwing</h2>
<p>De website is gebouwd met de componenten van NL Design System. Bij elke wijziging test een
computerprogramma alle soorten pagina's, in het Nederlands en het Engels, op de eisen van WCAG
niveau AA, en of alles met alleen het toetsenbord te bedienen is. Een onafhankelijk onderzoek naar
alle eisen van WCAG: [naam onderzoeker, datum en link naar het onderzoeksrapport].</p>
<h2>Wat nog niet goed werkt</h2>
<p>[Noem hier de afwijkingen van de eisen, met voor elke afwijking het gevolg voor bezoekers, de oorzaak,
wat we eraan doen en wanneer het klaar is. Geen afwijkingen bekend? Schrijf dat dan.]</p>
<h2>Akkoordverklaring</h2>
<p>Deze verklaring is op [datum] getekend voor 'gezien en akkoord' door [functie] van [naam
organisatie]. De verklaring is voor het laatst herzien op [datum].</p>
<h2>Feedback en contactgegevens</h2>
<p>Loop je tegen een toegankelijkheidsprobleem aan, of heb je een vraag of opmerking over de
toegankelijkheid van deze website? Mail dan naar [e-mailadres]. Je krijgt binnen [aantal] werkdagen
antwoord. Binnen [aantal] weken laten we je weten of en wanneer we het probleem oplossen.</p>
<h2>Handhavingsprocedure</h2>
<p>Ben je niet tevreden met de manier waarop we je melding hebben behandeld, of hebben we niet op tijd
gereageerd? Dan kun je een klacht indienen bij de
<a href="https://www.nationaleombudsman.nl/">Nationale ombudsman</a>.</p>
"""

ACCESSIBILITY_EN = """
<h2>Statement</h2>
<p>[Organisation name] wants everyone to be able to use the Learning at Work knowledge bank, including
people with a disability. We aim to make our online information and services accessible in accordance
with the Dutch Digital Accessibility (Government) Decree. This accessibility statement applies to the
content of the website Learning at Work knowledge bank ([website address]).</p>
<h2>Compliance status</h2>
<p>[Status A, B, C, D or E, as in the register.] The official statement is drawn up with the form at
<a href="https://www.toegankelijkheidsverklaring.nl/">toegankelijkheidsverklaring.nl</a> (in Dutch),
which also explains the statuses.</p>
<h2>How we know</h2>
<p>The website is built with NL Design System components. With every change, a program tests every
kind of page, in Dutch and English, against the WCAG level AA requirements and checks that everything
works with a keyboard alone. An independent audit against all WCAG requirements: [auditor, date and
link to the report].</p>
<h2>What does not work well yet</h2>
<p>[List each known problem with its effect on visitors, its cause, what we do about it and when it
will be fixed. No known problems? Say so.]</p>
<h2>Approval</h2>
<p>This statement was approved on [date] by [position] of [organisation name]. It was last reviewed on
[date].</p>
<h2>Feedback and contact</h2>
<p>Do you run into an accessibility problem, or do you have a question or remark about the
accessibility of this website? Please e-mail [e-mail address]. You will get an answer within [number]
working days, and within [number] weeks we will tell you whether and when we will fix the problem.</p>
<h2>Complaints</h2>
<p>Not satisfied with how we handled your report, or did we not answer in time? You can complain to
the <a href="https://www.nationaleombudsman.nl/">National Ombudsman</a>.</p>
"""

PRIVACY_NL = """
<h2>Wie is verantwoordelijk?</h2>
<p>[Naam organisatie] is verantwoordelijk voor de persoonsgegevens die via deze website binnenkomen.
De functionaris gegevensbescherming bereik je via [e-mailadres].</p>
<h2>Welke gegevens, en waarom?</h2>
<ul>
<li><b>Bezoek.</b> Je kunt de kennisbank bekijken zonder dat we weten wie je bent. We plaatsen geen
tracking- of advertentiecookies. Van downloads van publicaties tellen we alleen het aantal; geen adres,
cookie of tijdstip.</li>
<li><b>Een praktijkvoorbeeld delen.</b> Als je het formulier invult, bewaren we je naam en e-mailadres
apart van het voorbeeld. Alleen de redactie ziet ze, om je vragen te stellen over je inzending. We
wissen ze automatisch [aantal] dagen nadat de redactie je voorbeeld heeft gepubliceerd of
afgewezen.</li>
<li><b>Contactpersonen bij een praktijkvoorbeeld.</b> Naam, functie en e-mailadres van de contactpersoon
staan op het voorbeeld met toestemming van die persoon.</li>
<li><b>Beveiliging.</b> Onze servers houden korte tijd technische gegevens bij, zoals het IP-adres, om
misbruik te voorkomen. [Bewaartermijn.]</li>
</ul>
<h2>Je rechten</h2>
<p>Je mag je gegevens inzien, laten verbeteren of laten wissen. Mail daarvoor naar [e-mailadres]. Ben je
het niet eens met hoe we met je gegevens omgaan? Dan kun je een klacht indienen bij de
<a href="https://autoriteitpersoonsgegevens.nl/">Autoriteit Persoonsgegevens</a>.</p>
"""

PRIVACY_EN = """
<h2>Who is responsible?</h2>
<p>[Organisation name] is responsible for the personal data this website receives. You can reach our
data protection officer at [e-mail address].</p>
<h2>What data, and why?</h2>
<ul>
<li><b>Visiting.</b> You can read the knowledge bank without us knowing who you are. We set no tracking
or advertising cookies. For downloads of publications we count only the number; no address, cookie or
time.</li>
<li><b>Sharing a practice example.</b> When you fill in the form, we keep your name and e-mail address
apart from the example. Only the editors see them, to ask you questions about your submission. They are
erased automatically [number] days after the editors published or rejected your example.</li>
<li><b>Contact persons of a practice example.</b> The name, role and e-mail address of a contact person
appear on an example with that person's consent.</li>
<li><b>Security.</b> Our servers briefly keep technical data such as the IP address to prevent abuse.
[Retention period.]</li>
</ul>
<h2>Your rights</h2>
<p>You may see, correct or erase your data: e-mail [e-mail address]. If you disagree with how we handle
your data, you can complain to the Dutch Data Protection Authority,
<a href="https://autoriteitpersoonsgegevens.nl/en">Autoriteit Persoonsgegevens</a>.</p>
"""

CONTACT_NL = """
<h2>De redactie</h2>
<p>Een vraag over de kennisbank of over een praktijkvoorbeeld, of een fout gezien? Mail de redactie:
[e-mailadres]. We antwoorden binnen [aantal] werkdagen.</p>
<h2>Een praktijkvoorbeeld delen</h2>
<p>Heb je in je gemeente iets geprobeerd waar collega's van kunnen leren? Gebruik het formulier
'Deel je praktijkvoorbeeld'; de link staat onderaan elke pagina.</p>
<h2>Postadres</h2>
<p>[Naam organisatie]<br>[Adres]<br>[Postcode en plaats]</p>
"""

CONTACT_EN = """
<h2>The editors</h2>
<p>A question about the knowledge bank or a practice example, or did you spot a mistake? E-mail the
editors: [e-mail address]. We answer within [number] working days.</p>
<h2>Sharing a practice example</h2>
<p>Did your municipality try something colleagues could learn from? Use the form 'Share your practice
example', linked at the bottom of every page.</p>
<h2>Postal address</h2>
<p>[Organisation name]<br>[Address]<br>[Postcode and town]</p>
"""

COLOPHON_NL = """
<p>De Lerend Werken kennisbank is een initiatief van [naam organisatie]. [Eén zin over het doel en de
opdrachtgever.]</p>
<h2>Redactie</h2>
<p>[Namen of de naam van het redactieteam.]</p>
<h2>Bronnen</h2>
<ul>
<li>Gemeentegrenzen en kerncijfers: Bron: CBS / PDOK, CC BY 4.0.</li>
<li>Praktijkvoorbeelden: de gemeenten en organisaties die bij elk voorbeeld staan.</li>
</ul>
<h2>Techniek</h2>
<p>Gebouwd met de open-sourcesoftware <a href="https://wagtail.org/">Wagtail</a> en de componenten van
<a href="https://nldesignsystem.nl/">NL Design System</a>. Ontwerp en bouw: [naam].</p>
"""

COLOPHON_EN = """
<p>The Learning at Work knowledge bank is an initiative of [organisation name]. [One sentence on its
purpose and who commissioned it.]</p>
<h2>Editors</h2>
<p>[Names, or the name of the editorial team.]</p>
<h2>Sources</h2>
<ul>
<li>Municipal boundaries and key figures: Source: CBS / PDOK, CC BY 4.0.</li>
<li>Practice examples: the municipalities and organisations named with each example.</li>
</ul>
<h2>Technology</h2>
<p>Built with the open source software <a href="https://wagtail.org/">Wagtail</a> and the components of
<a href="https://nldesignsystem.nl/">NL Design System</a>. Design and development: [name].</p>
"""

# In footer order. The key never changes; titles, slugs and text are only where setup starts.
INFORMATION_PAGES = [
    (
        "contact",
        {
            "nl": {
                "title": "Contact",
                "slug": "contact",
                "intro": "Zo bereik je de redactie van de kennisbank.",
                "body": CONTACT_NL,
            },
            "en": {
                "title": "Contact",
                "slug": "contact",
                "intro": "How to reach the editors of the knowledge bank.",
                "body": CONTACT_EN,
            },
        },
    ),
    (
        "privacy",
        {
            "nl": {
                "title": "Privacyverklaring",
                "slug": "privacyverklaring",
                "intro": "Welke persoonsgegevens deze website gebruikt, waarom, en wat je rechten zijn.",
                "body": PRIVACY_NL,
            },
            "en": {
                "title": "Privacy statement",
                "slug": "privacy-statement",
                "intro": "What personal data this website uses, why, and what your rights are.",
                "body": PRIVACY_EN,
            },
        },
    ),
    (
        "accessibility",
        {
            "nl": {
                "title": "Toegankelijkheidsverklaring",
                "slug": "toegankelijkheidsverklaring",
                "intro": "Hoe toegankelijk deze website is, en waar je terechtkunt als iets niet werkt.",
                "body": ACCESSIBILITY_NL,
            },
            "en": {
                "title": "Accessibility statement",
                "slug": "accessibility-statement",
                "intro": "How accessible this website is, and where to go when something does not work.",
                "body": ACCESSIBILITY_EN,
            },
        },
    ),
    (
        "colophon",
        {
            "nl": {
                "title": "Colofon",
                "slug": "colofon",
                "intro": "Wie de kennisbank maakt, en waarmee.",
                "body": COLOPHON_NL,
            },
            "en": {
                "title": "Colophon",
                "slug": "colophon",
                "intro": "Who makes the knowledge bank, and with what.",
                "body": COLOPHON_EN,
            },
        },
    ),
]


def translation_key(key):
    return uuid.uuid5(KEY_NAMESPACE, f"information-page:{key}")


@transaction.atomic
def ensure_information_pages(home):
    """Create the footer pages under the Dutch home page, with English translations, where missing."""
    english = Locale.objects.filter(language_code="en").first()
    pages = []
    for key, content in INFORMATION_PAGES:
        page = Page.objects.filter(translation_key=translation_key(key), locale=home.locale).first()
        if page is None:
            with override("nl"):
                page = InformationPage(
                    translation_key=translation_key(key),
                    locale=home.locale,
                    show_in_menus=True,
                    **content["nl"],
                )
                home.add_child(instance=page)
                page.save_revision().publish()
        if (
            english is not None
            and home.has_translation(english)
            and not page.has_translation(english)
        ):
            translation = page.specific.copy_for_translation(english)
            for field, value in content["en"].items():
                setattr(translation, field, value)
            translation.save_revision().publish()
        pages.append(page)
    return pages
