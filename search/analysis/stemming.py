"""Stemming: Snowball's classic Dutch (the one PostgreSQL and Lucene use) or English, plus the Dutch
forms Snowball leaves apart: agent nouns (inkoper ↔ inkoop) and plurals in -ies (decentralisaties)."""

from functools import lru_cache

import snowballstemmer

STEMMERS = {"nl": "dutch_porter", "en": "english"}

# Words in -er that are not an agent of a verb; reducing them would match unrelated words.
NOT_AGENT_NOUNS = frozenset(
    "ouder ouders water later eerder meer minder over onder weer zeer verder ander wonder "
    "hier daar waar zuster moeder vader broer leider winter zomer september oktober november "
    "december nummer kader kamer centrum cijfer letter partner computer manager register".split()
)


@lru_cache(maxsize=4)
def _stemmer(language):
    return snowballstemmer.stemmer(STEMMERS.get(language, "dutch_porter"))


@lru_cache(maxsize=200_000)
def stem(word, language="nl"):
    """The stem of one folded word."""
    if word.isdigit() or len(word) <= 2:
        return word
    if language == "nl" and word.endswith("ies") and len(word) > 6:
        word = word[:-1]  # decentralisaties → decentralisatie, which Snowball leaves alone
    elif language == "nl" and word.endswith(("ches", "shes")) and len(word) > 5:
        word = word[:-2]  # English loans: coaches → coach
    return _stemmer(language).stemWord(word)


@lru_cache(maxsize=200_000)
def variants(word, language="nl"):
    """The stem plus the forms it should also be found under (inkopers → inkoper, inkop)."""
    base = stem(word, language)
    if language != "nl":
        return (base,)
    found = [base]
    if base.endswith("er") and len(base) >= 6 and word not in NOT_AGENT_NOUNS:
        root = base[:-2]
        if base[:-2] not in NOT_AGENT_NOUNS:
            found.append(stem(root, language) if len(root) > 3 else root)
    return tuple(dict.fromkeys(found))
