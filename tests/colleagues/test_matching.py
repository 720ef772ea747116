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


def test_editors_handle_a_question_with_explained_proposals_and_similar_questions(
    demo, admin_client
):
    from django.urls import reverse
    from django.utils import timezone

    from colleagues.models import KnowledgeQuestion

    question = KnowledgeQuestion.objects.get(text__startswith="Hoe houden we als HR-team")
    KnowledgeQuestion.objects.create(
        text="Hoe houden HR-teams zicht op de capaciteit van zelfsturende teams?",
        asker_email="x@y.nl",
        confirmed_at=timezone.now(),
    )
    listing = admin_client.get(reverse("wagtailsnippets_colleagues_knowledgequestion:list"))
    assert reverse("colleagues_handle_question", args=[question.pk]) in listing.content.decode()
    page = admin_client.get(reverse("colleagues_handle_question", args=[question.pk]))
    body = page.content.decode()
    assert "Gert Jan Mulder" in body and "Doorsturen" in body
    assert "praktijkvoorbeeld" in body
    assert "Hoe houden HR-teams zicht" in body  # offered for merging
    unconfirmed = KnowledgeQuestion.objects.create(text="Niet bevestigd", asker_email="z@y.nl")
    assert (
        admin_client.get(reverse("colleagues_handle_question", args=[unconfirmed.pk])).status_code
        == 404
    )


def test_editors_can_preview_a_profile_without_consent(demo, client):
    from colleagues.models import ColleagueIndexPage, ColleaguePage

    index = ColleagueIndexPage.objects.get(slug="collegas")
    page = ColleaguePage(
        title="Nog Geen Toestemming",
        slug="nog-geen",
        helps_with="Iets.",
        email="n@g.nl",
        live=False,
    )
    index.add_child(instance=page)
    preview = page.make_preview_request()
    assert preview.status_code == 200
    assert "Nog Geen Toestemming" in preview.rendered_content
    assert "n@g.nl" not in preview.rendered_content
