"""The production Dutch analysis chain, run by the engine's own `_analyze` API.

osmem accepts but cannot run a Dutch stemmer inside an index, so the chain is checked here token by
token, exactly as the "dutch" profile puts it in the index settings.
"""

import pytest

from search.backends.elasticsearch import analysis_settings, dutch_filters

pytestmark = pytest.mark.engine

SYNONYMS = [
    "wmo, wet maatschappelijke ondersteuning",
    "pw, participatiewet",
    "3d, drie decentralisaties",
]


@pytest.fixture
def analyse(engine):
    client = engine.client()

    def run(text, for_search=False):
        chain = dutch_filters(synonyms=SYNONYMS, for_search=for_search)
        response = client.indices.analyze(tokenizer="standard", filter=chain, text=text)
        return [token["token"] for token in response["tokens"]]

    return run


def test_plural_and_singular_reduce_to_one_stem(analyse):
    assert set(analyse("inkopers")) == set(analyse("inkoper")) == {"inkoper"}
    assert set(analyse("gemeenten")) == set(analyse("gemeente"))


def test_dutch_stop_words_are_dropped(analyse):
    assert analyse("de inkopers van het sociaal domein") == ["inkoper", "sociaal", "domein"]


def test_accents_are_folded(analyse):
    assert analyse("Súdwest-Fryslân") == analyse("sudwest fryslan") == ["sudwest", "fryslan"]


def test_abbreviation_finds_its_synonym_at_query_time(analyse):
    expanded = analyse("Wmo", for_search=True)
    assert {"wmo", "wet", "ondersteun"} <= set(expanded)
    assert "wmo" in analyse("wet maatschappelijke ondersteuning", for_search=True)


def test_synonyms_are_not_applied_when_indexing(analyse):
    assert analyse("Wmo") == ["wmo"]


def test_compound_is_split_into_its_parts(analyse):
    tokens = analyse("keukentafelgesprek")
    assert {"keukentafelgesprek", "tafel", "gesprek"} <= set(tokens)
    assert {"gesprek", "tafel"} <= set(analyse("gesprek aan de keukentafel"))


def test_nonsense_has_no_dictionary_parts(analyse):
    assert analyse("xqzvbnm") == ["xqzvbnm"]


def test_dutch_profile_index_settings_are_accepted_by_the_engine(engine):
    analysis = analysis_settings("dutch", synonyms=SYNONYMS)
    client = engine.client()
    client.indices.create(index="kbtest_dutch_settings", settings={"analysis": analysis})
    stored = client.indices.get_settings(index="kbtest_dutch_settings")
    analyzers = stored["kbtest_dutch_settings"]["settings"]["index"]["analysis"]["analyzer"]
    assert analyzers["default_search"]["filter"][:3] == [
        "lowercase",
        "asciifolding",
        "kb_default_search_synonym_graph",
    ]
    assert "kb_default_snowball" in analyzers["default"]["filter"]


def test_editors_synonyms_are_read_when_the_index_is_created(engine, db):
    from search.backends.elasticsearch import get_engine_backend
    from search.models import Synonym

    Synonym.objects.create(terms="Kwartiermaker, aanjager")
    backend = get_engine_backend()
    backend.analysis = "dutch"
    rules = backend.get_analysis_settings()["filter"]["kb_default_search_synonym_graph"]["synonyms"]
    assert "kwartiermaker, aanjager" in rules
