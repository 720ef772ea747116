"""Knowledge questions: the intake (what exists, success counted), sending with double opt-in,
duplicates merged, forwarding and answering by signed link, the answer page, in-company requests,
the gap report and reminders."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from colleagues import questions
from colleagues.links import make_token
from colleagues.models import (
    InCompanyRequest,
    IntakeSearch,
    KnowledgeQuestion,
    QuestionAnswerPage,
    QuestionForward,
)
from colleagues.reminders import send_reminders
from tests.colleagues.conftest import colleague, link_in, old_token

pytestmark = pytest.mark.django_db
INTAKE = "/stel-je-kennisvraag/"


def test_intake_shows_practices_colleagues_and_answered_questions(demo, client):
    response = client.get(INTAKE, {"q": "hoe begin je met intervisie in het wijkteam"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Intervisie in een Deventer wijkteam" in body
    assert "Linda Groothuis" in body
    assert "Hoe begin je met intervisie in een wijkteam?" in body
    assert IntakeSearch.objects.get().result_count > 0


def test_this_answered_my_question_is_counted(demo, client):
    client.get(INTAKE, {"q": "keukentafelgesprek"})
    intake = IntakeSearch.objects.get()
    response = client.post(INTAKE, {"action": "helped", "intake": intake.pk}, follow=True)
    assert "Fijn dat je verder kunt" in response.content.decode()
    intake.refresh_from_db()
    assert intake.helped


def test_empty_question_gets_a_dutch_message(demo, client):
    response = client.get(INTAKE, {"q": "  "})
    assert response.status_code == 400
    assert "Vul dit veld in" in response.content.decode()


def test_sent_question_waits_for_confirmation_then_reaches_the_editors(demo, client, mails):
    with mails.committed():
        response = client.post(
            INTAKE,
            {
                "action": "question",
                "q": "Hoe werven we inkopers voor jeugdhulp?",
                "email": "a@b.nl",
                "consent": "on",
            },
        )
    assert response.status_code == 302
    question = KnowledgeQuestion.objects.get(text__startswith="Hoe werven")
    assert question.confirmed_at is None
    assert question not in questions.open_questions()
    client.get(link_in(mails[-1], "question_confirm"))
    question.refresh_from_db()
    assert question.confirmed_at is not None and question in questions.open_questions()


def test_question_form_keeps_text_and_says_what_is_missing(demo, client):
    response = client.post(INTAKE, {"action": "question", "q": "Mijn vraag blijft staan"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Mijn vraag blijft staan" in body and "Vul je e-mailadres in" in body


def test_similar_open_questions_are_offered_and_merged(demo, mails):
    first = KnowledgeQuestion.objects.get(text__startswith="Hoe houden we als HR-team")
    second = KnowledgeQuestion.objects.create(
        text="Hoe houd je als HR zicht op de capaciteit van zelfsturende teams?",
        asker_email="c@d.nl",
        confirmed_at=timezone.now(),
    )
    assert first in questions.similar_open_questions(second)
    questions.merge(second, first)
    assert second.status == KnowledgeQuestion.Status.MERGED


def test_forward_answer_by_signed_link_publish_and_tell_the_asker(demo, client, mails):
    question = KnowledgeQuestion.objects.get(text__startswith="Hoe houden we als HR-team")
    duplicate = KnowledgeQuestion.objects.create(
        text="Capaciteit en zelfsturing?", asker_email="dup@x.nl", confirmed_at=timezone.now()
    )
    questions.merge(duplicate, question)
    gert_jan = colleague("gert-jan-mulder")
    with mails.committed():
        forward = questions.forward(question, gert_jan, "teamcoach van zelfsturende teams")
    assert question.status == KnowledgeQuestion.Status.FORWARDED
    (to_gert_jan,) = [m for m in mails if gert_jan.email in m.to]
    link = link_in(to_gert_jan, "question_answer_link")
    client.post(
        link, {"action": "answer", "answer": "Maak de teams zelf eigenaar van de planning."}
    )
    forward.refresh_from_db()
    assert forward.status == QuestionForward.Status.ANSWERED
    page = questions.create_answer_page(question, forward)
    assert not page.live and page.asked_by == ""
    linked = [link.target.specific.title for link in page.links.all()]
    assert "Emmen: werkconsulenten in zelfsturende teams" in linked
    with mails.committed():
        page.save_revision().publish()
    question.refresh_from_db()
    duplicate.refresh_from_db()
    assert question.status == duplicate.status == KnowledgeQuestion.Status.ANSWERED
    told = [m for m in mails if "beantwoord" in m.subject]
    assert {"vraagsteller@example.org", "dup@x.nl"} <= {m.to[0] for m in told}
    profile = client.get(gert_jan.url).content.decode()
    assert page.title in profile


def test_decline_by_link_and_old_or_changed_links_are_refused(demo, client, mails):
    question = KnowledgeQuestion.objects.get(text__startswith="Wie heeft ervaring")
    forward = questions.forward(question, colleague("linda-groothuis"))
    expired = client.get(
        reverse("question_answer_link", args=[old_token("answer", forward.pk, 40)])
    )
    assert expired.status_code == 403 and "verlopen" in expired.content.decode()
    changed = client.get(reverse("question_answer_link", args=["1:abc:def"]))
    assert changed.status_code == 403 and "klopt niet" in changed.content.decode()
    link = reverse("question_answer_link", args=[make_token("answer", forward.pk)])
    client.post(link, {"action": "decline", "reason": "Geen tijd"})
    forward.refresh_from_db()
    assert forward.status == QuestionForward.Status.DECLINED


def test_in_company_request_reaches_trainer_and_editors_and_shows_its_state(demo, client, mails):
    sandra = colleague("sandra-verhoef")
    answer = (
        QuestionAnswerPage.objects.get()
    )  # a course page would be the agenda's; any page will do
    with mails.committed():
        response = client.post(
            reverse("colleague_in_company", args=[sandra.pk]) + f"?cursus={answer.pk}",
            {
                "name": "Joke",
                "municipality": "Utrecht",
                "email": "joke@utrecht.nl",
                "message": "Een dag over formatie.",
            },
        )
    assert response.status_code == 302
    request = InCompanyRequest.objects.get()
    assert request.course_id == answer.pk
    assert any(sandra.email in m.to and answer.title in m.body for m in mails)
    (to_joke,) = [m for m in mails if "joke@utrecht.nl" in m.to]
    status_link = link_in(to_joke, "in_company_status")
    request.status = InCompanyRequest.Status.AGREED
    request.save()
    assert "afgesproken" in client.get(status_link).content.decode()


def test_gap_report_marks_demand_without_supply_and_exports_csv(demo, admin_client):
    from practices.models import Municipality, Theme

    KnowledgeQuestion.objects.create(
        text="Hoe betrekken we inwoners bij de Omgevingswet op de Wadden?",
        theme=Theme.objects.get(slug="omgevingswet", locale__language_code="nl"),
        municipality=Municipality.objects.get(name="Texel", is_current=True),
        asker_email="t@texel.nl",
        confirmed_at=timezone.now(),
    )
    csv = admin_client.get(reverse("colleagues_gap_report"), {"format": "csv"}).content.decode()
    line = next(
        row for row in csv.splitlines() if row.startswith("Omgevingswet") and "Noord-Holland" in row
    )
    assert line.endswith(",ja")
    assert csv.splitlines()[0].startswith("thema,beroepsgroep,provincie,kennisvragen")
    hrm = next(row for row in csv.splitlines() if row.startswith("Zelfsturende teams,HRM"))
    assert hrm.split(",")[3] == "1"


def test_reminders_list_overdue_questions_and_mail_once(demo, admin_client, mails):
    question = KnowledgeQuestion.objects.get(text__startswith="Wie heeft ervaring")
    KnowledgeQuestion.objects.filter(pk=question.pk).update(
        confirmed_at=timezone.now() - datetime.timedelta(days=9)
    )
    dashboard = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Niet doorgestuurd binnen 5 werkdagen" in dashboard
    assert send_reminders() == 1
    assert send_reminders() == 0


def test_answer_page_is_found_by_search_as_a_question(demo):
    from search.service import search
    from search.types import SearchParams

    results = search(SearchParams(query="intervisie beginnen", document_types=("vraag",)))
    assert [hit.title for hit in results.hits] == [QuestionAnswerPage.objects.get().title]
