"""The editors' work on a knowledge question: similar open questions (merge, don't answer twice),
forwarding to a colleague with a signed link, the colleague's answer or refusal, the answer page
(a draft the editor reviews and publishes), and telling the asker."""

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from colleagues.links import link_url
from colleagues.mail import editor_addresses, mail
from colleagues.models import (
    KnowledgeQuestion,
    QuestionAnswerLink,
    QuestionAnswerPage,
    QuestionForward,
    QuestionIntakePage,
)
from search.analysis import analyse_tokens

SIMILARITY_THRESHOLD = 0.25


def open_questions():
    return KnowledgeQuestion.objects.filter(
        confirmed_at__isnull=False,
        status__in=[KnowledgeQuestion.Status.NEW, KnowledgeQuestion.Status.FORWARDED],
    )


def similarity(a, b, language="nl"):
    """Share of analysed words two questions have in common (Jaccard)."""
    first, second = set(analyse_tokens(a, language)), set(analyse_tokens(b, language))
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def similar_open_questions(question, limit=5):
    """Other open questions that look like this one, most alike first."""
    scored = []
    for other in open_questions().exclude(pk=question.pk):
        score = similarity(question.text, other.text, question.language)
        if question.theme_id and question.theme_id == other.theme_id:
            score += 0.1
        if score >= SIMILARITY_THRESHOLD:
            scored.append((score, other))
    scored.sort(key=lambda pair: (-pair[0], pair[1].pk))
    return [other for _score, other in scored[:limit]]


@transaction.atomic
def merge(question, into):
    """`question` is answered with `into`: its asker hears when that one is answered."""
    if question.pk == into.pk:
        raise ValueError("A question cannot be merged into itself")
    question.status = KnowledgeQuestion.Status.MERGED
    question.merged_into = into
    question.save(update_fields=["status", "merged_into"])
    return question


@transaction.atomic
def close(question):
    question.status = KnowledgeQuestion.Status.CLOSED
    question.save(update_fields=["status"])


@transaction.atomic
def forward(question, colleague, explanation=""):
    forward, created = QuestionForward.objects.get_or_create(
        question=question, colleague=colleague, defaults={"explanation": explanation[:500]}
    )
    if question.status == KnowledgeQuestion.Status.NEW:
        question.status = KnowledgeQuestion.Status.FORWARDED
    question.forwarded_at = question.forwarded_at or timezone.now()
    question.save(update_fields=["status", "forwarded_at"])
    if created:
        language = colleague.locale.language_code
        mail(
            [colleague.email],
            _("Een collega heeft een vraag voor je"),
            [
                _(
                    "Via de kennisbank stelde een collega uit een andere gemeente deze vraag. "
                    "De redactie denkt dat jij kunt helpen:"
                ),
                question.text,
                _("Waarom jij: %(why)s") % {"why": explanation} if explanation else "",
                _(
                    "Met de link hieronder beantwoord je de vraag, zonder account. Kun je niet "
                    "helpen? Dan laat je dat via dezelfde link weten."
                ),
            ],
            link=link_url("answer", forward.pk, language),
            link_label=_("Beantwoord of sla af"),
            language=language,
        )
    return forward


@transaction.atomic
def record_answer(forward, text):
    forward.status = QuestionForward.Status.ANSWERED
    forward.answer = text
    forward.responded_at = timezone.now()
    forward.save(update_fields=["status", "answer", "responded_at"])
    mail(
        editor_addresses(),
        _("%(name)s beantwoordde een kennisvraag") % {"name": forward.colleague.title},
        [
            forward.question.text,
            _("Maak in de beheeromgeving een antwoordpagina van het antwoord en publiceer die."),
        ],
    )


@transaction.atomic
def record_decline(forward, reason=""):
    forward.status = QuestionForward.Status.DECLINED
    forward.decline_reason = reason
    forward.responded_at = timezone.now()
    forward.save(update_fields=["status", "decline_reason", "responded_at"])
    mail(
        editor_addresses(),
        _("%(name)s kan een kennisvraag niet beantwoorden") % {"name": forward.colleague.title},
        [forward.question.text, reason],
    )


def plain_to_rich_text(text):
    from django.utils.html import escape

    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)


def _title_for(text):
    title = " ".join(text.split())
    return title if len(title) <= 120 else title[:119].rstrip() + "…"


def practices_for_answer(question, forward, limit=3):
    """The answering colleague's practices that match the question, best first: linked from the
    answer page (the editor can change them)."""
    from colleagues.matching import text_ranks
    from colleagues.profile import practices_of

    practices = practices_of([forward.colleague])[forward.colleague.pk]
    if not practices:
        return []
    positions = text_ranks(question.text, question.language, {p.pk for p in practices})
    ranked = sorted((p for p in practices if p.pk in positions), key=lambda p: positions[p.pk])
    return ranked[:limit]


@transaction.atomic
def create_answer_page(question, forward, user=None):
    """A draft question-and-answer page from the colleague's answer, for the editor to review and
    publish; the asker stays anonymous unless they agreed to be named."""
    intake = QuestionIntakePage.objects.filter(locale__language_code=question.language).first()
    if intake is None:
        raise QuestionIntakePage.DoesNotExist
    title = _title_for(question.text)
    slug = slugify(title)[:60] or "vraag"
    base, number = slug, 2
    while intake.get_children().filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    page = QuestionAnswerPage(
        title=title,
        slug=slug,
        live=False,
        question=question.text,
        answer=plain_to_rich_text(forward.answer),
        asked_by=question.asker_name if question.may_show_name else "",
        answered_by=forward.colleague,
        theme=question.theme,
        professional_group=question.professional_group,
    )
    page.links = [QuestionAnswerLink(target=p) for p in practices_for_answer(question, forward)]
    intake.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    question.answer_page = page
    question.save(update_fields=["answer_page"])
    return page


@transaction.atomic
def answer_published(page):
    """The answer page went live: its questions (and those merged into them) are answered, and
    their askers are told."""
    questions = list(
        KnowledgeQuestion.objects.filter(answer_page=page).exclude(
            status=KnowledgeQuestion.Status.ANSWERED
        )
    )
    questions += list(
        KnowledgeQuestion.objects.filter(merged_into__in=questions).exclude(
            status=KnowledgeQuestion.Status.ANSWERED
        )
    )
    now = timezone.now()
    url = page.full_url
    for question in questions:
        question.status = KnowledgeQuestion.Status.ANSWERED
        question.answered_at = now
        question.answer_page = page
        question.save(update_fields=["status", "answered_at", "answer_page"])
        mail(
            [question.asker_email],
            _("Je kennisvraag is beantwoord"),
            [
                _("Je stelde op de kennisbank deze vraag:"),
                question.text,
                _("Een collega heeft hem beantwoord. Je leest het antwoord op de kennisbank."),
            ],
            link=url,
            link_label=_("Lees het antwoord"),
            language=question.language,
        )
    return questions
