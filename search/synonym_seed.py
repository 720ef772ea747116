"""The starting list of synonyms and abbreviations; editors extend it under Fragmenten → Synoniemen."""

DUTCH_SYNONYMS = [
    "Wmo, Wet maatschappelijke ondersteuning",
    "3D, drie decentralisaties, decentralisaties sociaal domein",
    "PW, Participatiewet",
    "Jeugdwet, jeugdhulp, jeugdzorg",
    "Den Haag, 's-Gravenhage",
    "Den Bosch, 's-Hertogenbosch",
    "Ow, Omgevingswet",
    "sociaal wijkteam, wijkteam, buurtteam",
    "keukentafelgesprek, gesprek aan de keukentafel",
    "zelfsturend team, zelforganiserend team",
    "intervisie, collegiale consultatie",
    "mantelzorger, mantelzorgers, mantelzorg",
    "schuldhulpverlening, schuldhulp",
    "ervaringsdeskundige, ervaringsdeskundigheid",
    "sroi, social return on investment, social return",
    "uwv, uitkeringsinstantie",
    "ggz, geestelijke gezondheidszorg",
    "wlz, Wet langdurige zorg",
    "zvw, Zorgverzekeringswet",
    "bbz, Besluit bijstandverlening zelfstandigen",
    "hr, hrm, p&o, personeelszaken, human resources, human resource management",
    "management, manager, leidinggevende",
    "b&w, college van burgemeester en wethouders",
    "klantmanager, consulent werk en inkomen",
    "inwoners, burgers, bewoners",
    "vng, Vereniging van Nederlandse Gemeenten",
    "pgb, persoonsgebonden budget",
]

ENGLISH_SYNONYMS = [
    "Wmo, Social Support Act",
    "3D, three decentralisations, decentralisations",
    "PW, Participation Act",
    "Hague, 's-Gravenhage",
]
