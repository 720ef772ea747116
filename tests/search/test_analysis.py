"""The Dutch analyser: what documents and queries are turned into (no database needed)."""

from search.analysis import (
    Vocabulary,
    analyse_tokens,
    build_plan,
    compile_synonyms,
    fold,
    stem,
    variants,
)


def matches(query, document, synonyms=(), vocabulary=None):
    """Whether every group of the query's plan is satisfied by the document's tokens."""
    tokens = set(analyse_tokens(document))
    vocabulary = vocabulary or Vocabulary(dict.fromkeys(tokens, 1))
    plan = build_plan(query, "nl", vocabulary, compile_synonyms(synonyms, "nl"))
    return all(
        any(all(t in tokens for t in alternative) for alternative in group.alternatives)
        for group in plan.groups
    )


def test_accents_are_folded():
    assert fold("Súdwest-Fryslân") == "sudwest-fryslan"
    assert matches("sudwest fryslan", "Gemeente Súdwest-Fryslân")


def test_plural_and_singular_meet():
    assert stem("gemeenten") == stem("gemeente")
    assert matches("gemeenten", "De gemeente besloot")


def test_agent_noun_meets_the_activity():
    assert set(variants("inkopers")) & set(variants("inkoop"))
    assert matches("inkoop", "De inkopers van jeugdhulp")
    assert matches("inkopers", "Regionale inkoop van jeugdhulp")


def test_compound_meets_its_parts_written_apart():
    assert matches("keukentafelgesprek", "Het gesprek aan de keukentafel")
    assert matches("gesprek aan de keukentafel", "Elk keukentafelgesprek duurt een uur")


def test_a_law_is_found_by_its_subject():
    """Laws end in the short head 'wet': participatie finds the Participatiewet, and back."""
    assert matches("participatie", "Brieven over de Participatiewet in gewone taal")
    assert matches("jeugd", "Wat de Jeugdwet van inkopers vraagt")
    assert matches("participatiewet", "Wat de wet over participatie zegt")
    assert not matches("wet", "De wetenschap van het wijkteam")


def test_ampersand_abbreviations_are_words_with_their_synonyms():
    from search.synonym_seed import DUTCH_SYNONYMS

    seeded = [row.split(", ") for row in DUTCH_SYNONYMS]
    assert matches("P&O", "De P&O-adviseur schreef mee")
    assert not matches("P&O", "Praten over ouders")
    assert matches("p&o", "HRM-adviseurs leren van elkaar", synonyms=seeded)
    assert matches("human resource management", "De afdeling P&O", synonyms=seeded)
    assert matches("managers", "Wat leidinggevenden loslaten", synonyms=seeded)


def test_stop_words_are_ignored():
    plan = build_plan("hoe betrek je inwoners bij de Omgevingswet?", "nl")
    assert [group.words for group in plan.groups] == [
        ("betrek",),
        ("inwoners",),
        ("omgevingswet",),
    ]


def test_abbreviation_meets_its_full_form_both_ways():
    synonyms = [["Wmo", "Wet maatschappelijke ondersteuning"]]
    assert matches("Wmo", "De Wet maatschappelijke ondersteuning", synonyms)
    assert matches("wet maatschappelijke ondersteuning", "Consulenten Wmo", synonyms)


def test_one_typo_is_forgiven_in_longer_words_only():
    vocabulary = Vocabulary(dict.fromkeys(analyse_tokens("jeugdzorg team"), 1))
    assert build_plan("jeugdzrog", "nl", vocabulary).corrections
    assert not build_plan("taem", "nl", vocabulary).corrections  # four letters: no guessing


def test_typo_that_changes_the_stem_is_forgiven():
    vocabulary = Vocabulary(dict.fromkeys(analyse_tokens("laaggeletterdheid"), 1))
    plan = build_plan("laaggeletterdhied", "nl", vocabulary)
    assert plan.corrections and plan.corrections[0][1] == stem("laaggeletterdheid")


def test_long_questions_may_be_relaxed_short_ones_stay_strict():
    assert build_plan("keukentafel", "nl").required_matches() == [1]
    assert build_plan("hoe betrek je inwoners bij de Omgevingswet", "nl").required_matches()[0] == 3
    assert (
        min(build_plan("inwoners betrekken bij ruimtelijke plannen", "nl").required_matches()) < 4
    )
