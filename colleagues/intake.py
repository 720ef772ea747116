""" "Stel je kennisvraag": step one shows what already exists (practices, publications, activities,
colleagues, answered questions: one call to the search service over every registered type); a
visitor who found the answer says so (counted); otherwise step two sends the question, which waits
for the e-mail address to be confirmed (double opt-in) before it reaches the editors."""

import json
from dataclasses import dataclass, field

from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from colleagues import abuse
from colleagues.forms import IntakeForm, QuestionForm
from colleagues.links import link_url
from colleagues.mail import editor_addresses, mail
from colleagues.models import IntakeSearch, KnowledgeQuestion
from search import registry
from search.analysis import analyse_tokens
from search.service import search
from search.types import SearchParams

TEMPLATE = "colleagues/question_intake_page.html"
SENT_PARAMETER = "verstuurd"
HELPED_PARAMETER = "geholpen"
PER_KIND = 3
MAX_RESULTS = 15


@dataclass
class ResultGroup:
    name: str
    label: str
    hits: list = field(default_factory=list)


def find_existing(query, language):
    """What already exists for `query`, grouped by kind (in registration order), at most
    PER_KIND per kind; one call to the search service."""
    results = search(SearchParams(query=query, language=language, page_size=50))
    groups = {t.name: ResultGroup(t.name, str(t.label)) for t in registry.document_types()}
    for hit in results.hits:
        group = groups.get(hit.document_type)
        if group is not None and len(group.hits) < PER_KIND:
            group.hits.append(hit)
    return [g for g in groups.values() if g.hits], results.count


def infer_terms(text, locale_id):
    """The theme and professional group whose names occur in `text` (for the gap report)."""
    from practices.models import ProfessionalGroup, Theme

    tokens = set(analyse_tokens(text, "nl"))
    found = []
    for model in (Theme, ProfessionalGroup):
        best = None
        for term in model.objects.filter(locale_id=locale_id):
            words = set(analyse_tokens(term.name, "nl"))
            if words and words <= tokens:
                best = term
                break
        found.append(best)
    return found


def record_intake(query, page, count):
    theme, group = infer_terms(query, page.locale_id)
    return IntakeSearch.objects.create(
        query=query[:500],
        language=page.locale.language_code,
        result_count=count,
        theme=theme,
        professional_group=group,
    )


def render(page, request, *, status=200, **extra):
    from contributions.forms import municipality_options

    context = page.get_context(request)
    context.update(
        {
            "intake_form": IntakeForm(),
            "question_form": None,
            "groups": [],
            "intake": None,
            "municipality_options": municipality_options(),
            "type_labels": json.dumps(
                {kind.name: str(kind.label) for kind in registry.document_types()}
            ),
        }
    )
    context.update(extra)
    return TemplateResponse(request, TEMPLATE, context, status=status)


def serve_intake(page, request):
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "helped":
            return mark_helped(page, request)
        return send_question(page, request)
    if SENT_PARAMETER in request.GET:
        return render(page, request, sent=True)
    if HELPED_PARAMETER in request.GET:
        return render(page, request, helped=True)
    if "q" not in request.GET:
        return render(page, request)
    form = IntakeForm(request.GET)
    if not form.is_valid():
        return render(page, request, intake_form=form, status=400)
    query = form.cleaned_data["q"]
    language = page.locale.language_code
    groups, count = find_existing(query, language)
    intake = record_intake(query, page, sum(len(g.hits) for g in groups))
    question_form = QuestionForm(initial={"q": query}, locale=page.locale)
    return render(
        page,
        request,
        intake_form=form,
        groups=groups,
        result_total=count,
        intake=intake,
        question_form=question_form,
    )


def mark_helped(page, request):
    pk = request.POST.get("intake", "")
    if pk.isdigit():
        IntakeSearch.objects.filter(pk=int(pk), sent=False).update(helped=True)
    return HttpResponseRedirect(page.url + "?" + HELPED_PARAMETER)


def send_question(page, request):
    form = QuestionForm(request.POST, locale=page.locale)
    intake_form = IntakeForm(initial={"q": request.POST.get("q", "")})
    problem = None
    if form.honeypot_filled:
        problem = _(
            "We konden je vraag niet verwerken. Controleer het formulier en verstuur het opnieuw."
        )
    elif abuse.limit_reached("question", request):
        problem = _(
            "Je hebt het afgelopen uur al een aantal vragen gestuurd. Probeer het later opnieuw."
        )
    if problem or not form.is_valid():
        return render(
            page,
            request,
            intake_form=intake_form,
            question_form=form,
            problem=problem,
            status=429 if problem and not form.honeypot_filled else 400,
        )
    abuse.count("question", request)
    create_question(form.cleaned_data, page, request.POST.get("intake", ""))
    return HttpResponseRedirect(page.url + "?" + SENT_PARAMETER + f"#{SENT_PARAMETER}")


@transaction.atomic
def create_question(data, page, intake_pk=""):
    question = KnowledgeQuestion.objects.create(
        text=data["q"],
        language=page.locale.language_code,
        theme=data.get("theme"),
        professional_group=data.get("professional_group"),
        municipality=data.get("municipality"),
        asker_name=data.get("name", ""),
        asker_email=data["email"],
        may_show_name=bool(data.get("may_show_name")) and bool(data.get("name")),
    )
    if intake_pk.isdigit():
        IntakeSearch.objects.filter(pk=int(intake_pk)).update(sent=True, helped=False)
    mail(
        [question.asker_email],
        _("Bevestig je kennisvraag"),
        [
            _("Je stelde op de kennisbank deze vraag:"),
            question.text,
            _(
                "Bevestig met de link hieronder dat dit je e-mailadres is. Pas daarna gaat je "
                "vraag naar de redactie. Heb je de vraag niet gesteld? Dan hoef je niets te doen: "
                "zonder bevestiging wissen we hem."
            ),
        ],
        link=link_url("confirm", question.pk, question.language),
        link_label=_("Bevestig je vraag"),
        language=question.language,
    )
    return question


@transaction.atomic
def confirm_question(question):
    if question.confirmed_at is not None:
        return False
    question.confirmed_at = timezone.now()
    question.save(update_fields=["confirmed_at"])
    mail(
        editor_addresses(),
        _("Nieuwe kennisvraag"),
        [question.text, _("Je vindt de vraag in de beheeromgeving onder Kennisvragen.")],
    )
    return True
