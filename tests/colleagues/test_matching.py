"""Matching quality on the judged set, and explanations an editor can check."""

from pathlib import Path

import pytest

from colleagues.evaluation import evaluate
from colleagues.matching import propose

pytestmark = pytest.mark.django_db
JUDGED = Path(__file__).parent / "evaluation" / "questions.json"


def test_proposals_are_explained(demo):
    proposals = propose(
        "Hoe houden we als HR-team zicht op capaciteit nu teams zelfsturend worden?"
    )
    assert len(proposals) == 3
    first = proposals[0]
    assert first.colleague.slug in {"gert-jan-mulder", "sandra-verhoef"}
    assert "praktijkvoorbeeld" in first.explanation or "thema" in first.explanation


def test_judged_set_precision_at_3_and_intake_recall_at_5(demo):
    scores = evaluate(JUDGED)
    assert scores.questions >= 30
    assert scores.precision_at_3 >= 0.8, scores.misses
    assert scores.intake_recall_at_5 >= 0.8, scores.misses
