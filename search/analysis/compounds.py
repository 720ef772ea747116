"""Compound splitting (keukentafelgesprek → keukentafel + gesprek) against a vocabulary: a small
curated list of Dutch words of the social domain, and at query time the index's own terms."""

# Words that often form Dutch compounds in this field; the index vocabulary adds the rest.
BASE_WORDS = frozenset(
    """
    aanbod aanbieder aanpak aanvraag advies adviseur afspraak afstemming ambtenaar arbeid
    arbeidsmarkt armoede beleid beleidsmaker bespreking bestuur bestuurder betrokkenheid bewoner
    bijeenkomst bijstand budget buurt casus casuistiek centrum cliënt client coach coaching
    collega contract cultuur dag dienst dienstverlening doel doelgroep dorp drempel gebied gemeente
    gesprek gezin gezondheid groep huis huishouden hulp hulpverlener hulpverlening inkoop inkoper
    inwoner jeugd jongere kader kans kennis keuken klant klacht kosten kracht kwaliteit leer leren
    leiding leidinggevende locatie maat medewerker melding mens mantelzorg mantelzorger netwerk
    ondersteuning onderwijs ontmoeting opdracht opgave organisatie overleg participatie plan
    planning praktijk professional programma project proces raad regel regie regio ruimte
    samenwerking school sessie sociaal sport stad steun straat team tafel tijd toegang traject
    uitvoering verandering verbinding vergadering verhaal verslaving vorm vraag vrijwilliger
    vrijwilligers werk werkgever werkplaats werkvorm werkwijze wet wethouder wijk woning wonen zorg
    zorgaanbieder zorgverlener ervaring ervaringsdeskundige deskundige aandacht schuld schulden
    hulpvraag keukentafel omgeving omgevingswet visie vertrouwen verantwoording signaal toezicht
    bedoeling ruimte dialoog gesprekken teams training opleiding begeleiding begeleider loket
    armoedebeleid energie klimaat wijkteam jeugdzorg jeugdhulp ouder ouderen kind kinderen
    """.split()
)

MIN_HEAD = 4  # the last part, which carries the meaning (gesprek in keukentafelgesprek)
# Shorter heads that end many compounds of this field, where a short head is rarely a false cut:
# laws (Participatiewet, Jeugdwet), days (werkdag, studiedag), roles (regierol, voorbeeldrol).
SHORT_HEADS = frozenset({"wet", "dag", "rol"})
SHORTEST_HEAD = min(MIN_HEAD, *map(len, SHORT_HEADS))
MIN_MODIFIER = 3
LINKS = ("", "s", "en", "e")


def split_compound(word, is_word, depth=2):
    """The parts of a compound as a list of surface words, or None when it is not one we know.

    `is_word(part)` says whether a part is a word on its own. The longest known head wins, so
    keukentafelgesprek splits as keukentafel + gesprek, then keukentafel as keuken + tafel.
    """
    if len(word) < SHORTEST_HEAD + MIN_MODIFIER:
        return None
    for cut in range(MIN_MODIFIER, len(word) - SHORTEST_HEAD + 1):
        head = word[cut:]
        if (len(head) < MIN_HEAD and head not in SHORT_HEADS) or not is_word(head):
            continue
        left = word[:cut]
        for link in LINKS:
            if link and not left.endswith(link):
                continue
            modifier = left[: len(left) - len(link)] if link else left
            if len(modifier) < MIN_MODIFIER:
                continue
            if is_word(modifier):
                return [modifier, head]
            if depth > 1:
                inner = split_compound(modifier, is_word, depth - 1)
                if inner:
                    return [*inner, head]
    return None


def is_base_word(part):
    return part in BASE_WORDS
