"""Knowledge questions through the personal-data registry: a question whose address was never
confirmed is gone after 7 days (its confirmation link's life), a confirmed one keeps its own
retention, and erasing a person removes their unconfirmed questions and their name from answers."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from colleagues.models import KnowledgeQuestion, QuestionAnswerPage
from colleagues.setup import ensure_colleagues_setup
from home.site_structure import ensure_site_structure
from privacy import services
from privacy.models import PersonalDataLogEntry

pytestmark = pytest.mark.django_db
EMAIL = "joost.bakker@example.nl"
NAME = "Joost Bakker"


def question(text, days_ago, confirmed, status=KnowledgeQuestion.Status.NEW, **fields):
    sent = timezone.now() - datetime.timedelta(days=days_ago)
    return KnowledgeQuestion.objects.create(
        text=text,
        asker_name=NAME,
        asker_email=EMAIL,
        created_at=sent,
        confirmed_at=sent + datetime.timedelta(hours=1) if confirmed else None,
        status=status,
        **fields,
    )


def still_there(q):
    return KnowledgeQuestion.objects.filter(pk=q.pk).first()


def test_unconfirmed_questions_go_after_7_days_and_confirmed_ones_keep_their_retention():
    stale = question("Nooit bevestigd, acht dagen oud", 8, confirmed=False)
    fresh = question("Nog niet bevestigd, zes dagen oud", 6, confirmed=False)
    waiting = question("Bevestigd, wacht op de redactie", 120, confirmed=True)
    answered_recently = question(
        "Bevestigd en beantwoord, 30 dagen oud", 30, True, KnowledgeQuestion.Status.ANSWERED
    )
    answered_long_ago = question(
        "Bevestigd en beantwoord, 91 dagen oud", 91, True, KnowledgeQuestion.Status.ANSWERED
    )
    out = io.StringIO()
    call_command("apply_retention", stdout=out)

    assert still_there(stale) is None  # deleted, text and all: it never reached anyone
    assert still_there(fresh).asker_email == EMAIL  # its link still works
    assert still_there(waiting).asker_email == EMAIL  # still being handled
    assert still_there(answered_recently).asker_email == EMAIL
    kept = still_there(answered_long_ago)
    assert (kept.asker_name, kept.asker_email) == ("", "")
    assert kept.text.startswith("Bevestigd en beantwoord")  # the question stays for the report
    report = out.getvalue()
    assert "Vragenstellers van kennisvragen: 2 gewist" in report
    assert "7 dagen (vragen waarvan het e-mailadres niet bevestigd is)" in report
    assert "90 dagen (beantwoorde, samengevoegde of gesloten vragen)" in report
    entry = PersonalDataLogEntry.objects.get()
    assert entry.counts == {"colleagues.knowledgequestion": 2}
    assert EMAIL not in str(entry.counts) and NAME not in str(entry.counts)


def test_the_export_states_each_retention_period():
    question("Nog niet bevestigd", 1, confirmed=False)
    data = services.export(EMAIL)
    kind = next(k for k in data["kinds"] if k["kind"] == "colleagues.knowledgequestion")
    assert [rule["days"] for rule in kind["retention"]] == [7, 90]
    assert kind["records"][0]["asker_email"] == EMAIL


def test_erasure_removes_unconfirmed_questions_and_the_name_on_a_published_answer(client):
    home = ensure_site_structure()
    _index, intake = ensure_colleagues_setup(home)
    answer = QuestionAnswerPage(
        title="Hoe plannen zelfsturende teams hun rooster?",
        slug="rooster-zelfsturend",
        question="Hoe plannen zelfsturende teams hun rooster?",
        answer="<p>Laat het team het rooster zelf maken.</p>",
        asked_by=NAME,  # the asker agreed to be named
    )
    intake.add_child(instance=answer)
    answer.save_revision().publish()
    assert NAME in client.get(answer.url).content.decode()
    unconfirmed = question("Een vraag die nooit bevestigd werd", 1, confirmed=False)
    answered = question(
        answer.question,
        20,
        True,
        KnowledgeQuestion.Status.ANSWERED,
        may_show_name=True,
        answer_page=answer,
    )

    entry = services.erase(EMAIL)

    assert entry.counts == {"colleagues.knowledgequestion": 2}
    assert still_there(unconfirmed) is None
    kept = still_there(answered)
    assert (kept.asker_name, kept.asker_email, kept.may_show_name) == ("", "", False)
    assert not KnowledgeQuestion.objects.filter(asker_email=EMAIL).exists()
    answer.refresh_from_db()
    assert answer.live and answer.asked_by == ""
    assert answer.get_latest_revision().content["asked_by"] == ""
    page = client.get(answer.url).content.decode()
    assert NAME not in page and "Laat het team het rooster zelf maken." in page
    assert services.find(EMAIL) == []
