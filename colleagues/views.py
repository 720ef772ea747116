"""Public views reached by signed links (consent, answering, confirming, an in-company request's
state) and the forms outside a page (propose yourself, in-company request). A changed or expired
link gets a clear page, never an error."""

from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from colleagues import abuse, consent, in_company, questions
from colleagues.browsing import visible_colleagues
from colleagues.forms import AnswerForm, ConsentChangeForm, DeclineForm, InCompanyForm, ProposeForm
from colleagues.intake import confirm_question
from colleagues.links import LinkExpired, LinkInvalid, read_token
from colleagues.models import (
    ColleaguePage,
    InCompanyRequest,
    KnowledgeQuestion,
    QuestionForward,
    QuestionIntakePage,
)


def refused(request, error):
    if isinstance(error, LinkExpired):
        message = _(
            "Deze link is verlopen. Vraag de redactie om een nieuwe link; dat kan door de mail te "
            "beantwoorden waarin je deze link kreeg."
        )
    else:
        message = _(
            "Deze link klopt niet. Misschien is hij niet helemaal gekopieerd: open hem opnieuw "
            "vanuit de mail, of vraag de redactie om een nieuwe link."
        )
    return TemplateResponse(
        request, "colleagues/link_refused.html", {"message": message}, status=403
    )


def _read(request, kind, token):
    try:
        return read_token(kind, token), None
    except (LinkExpired, LinkInvalid) as error:
        return None, refused(request, error)


@require_http_methods(["GET", "HEAD", "POST"])
def consent_view(request, token):
    pk, refusal = _read(request, "consent", token)
    if refusal:
        return refusal
    page = ColleaguePage.objects.filter(pk=pk).first()
    if page is None:
        raise Http404
    done = ""
    form = ConsentChangeForm(
        initial={name: getattr(page, name) for name in consent.EDITABLE_FIELDS}
    )
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "give":
            page = consent.give_consent(page)
            done = _(
                "Dank je wel. Je toestemming is vastgelegd; de redactie zet je profiel online."
            )
        elif action == "withdraw":
            page = consent.withdraw_consent(page)
            done = _("Je toestemming is ingetrokken en je profiel is offline gehaald.")
        elif action == "change":
            form = ConsentChangeForm(request.POST)
            if form.is_valid():
                changed = consent.propose_change(page, form.cleaned_data)
                done = (
                    _(
                        "Je wijziging is naar de redactie gestuurd. Na controle staat ze op je profiel."
                    )
                    if changed
                    else _("Je hebt niets gewijzigd.")
                )
            else:
                status = 400
    return TemplateResponse(
        request,
        "colleagues/consent.html",
        {"colleague": page, "form": form, "done": done},
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def answer_view(request, token):
    pk, refusal = _read(request, "answer", token)
    if refusal:
        return refusal
    forward = get_object_or_404(
        QuestionForward.objects.select_related("question", "colleague"), pk=pk
    )
    answer_form, decline_form, status, done = AnswerForm(), DeclineForm(), 200, ""
    if forward.status != QuestionForward.Status.ASKED:
        done = _("Je hebt op deze vraag al gereageerd. Dank je wel!")
    elif request.method == "POST":
        if request.POST.get("action") == "decline":
            decline_form = DeclineForm(request.POST)
            if decline_form.is_valid():
                questions.record_decline(forward, decline_form.cleaned_data.get("reason", ""))
                done = _("Helder, dank je wel. De redactie zoekt iemand anders.")
            else:
                status = 400
        else:
            answer_form = AnswerForm(request.POST)
            if answer_form.is_valid():
                questions.record_answer(forward, answer_form.cleaned_data["answer"])
                done = _(
                    "Dank je wel voor je antwoord! De redactie leest het en publiceert het met je "
                    "naam erbij; je profiel vermeldt de vraag dan ook."
                )
            else:
                status = 400
    return TemplateResponse(
        request,
        "colleagues/answer.html",
        {
            "forward": forward,
            "answer_form": answer_form,
            "decline_form": decline_form,
            "done": done,
        },
        status=status,
    )


def confirm_view(request, token):
    pk, refusal = _read(request, "confirm", token)
    if refusal:
        return refusal
    question = get_object_or_404(KnowledgeQuestion, pk=pk)
    confirm_question(question)
    # The link back goes to the intake in the language of the address the asker opened.
    intake = (
        QuestionIntakePage.objects.live()
        .filter(locale__language_code=translation.get_language() or question.language)
        .first()
    )
    return TemplateResponse(
        request, "colleagues/question_confirmed.html", {"question": question, "intake": intake}
    )


def in_company_status_view(request, token):
    pk, refusal = _read(request, "request", token)
    if refusal:
        return refusal
    in_company_request = get_object_or_404(
        InCompanyRequest.objects.select_related("colleague", "municipality"), pk=pk
    )
    return TemplateResponse(
        request, "colleagues/in_company_status.html", {"in_company_request": in_company_request}
    )


@require_http_methods(["GET", "HEAD", "POST"])
def in_company_view(request, page_id):
    from contributions.forms import municipality_options

    colleague = get_object_or_404(
        visible_colleagues().filter(takes_in_company_requests=True), pk=page_id
    )
    from wagtail.models import Page

    # From a course page (the agenda links here with ?cursus=<page id>): the request names it.
    course_id = request.GET.get("cursus", "")
    course = (
        Page.objects.live().public().filter(pk=int(course_id)).first()
        if course_id.isdigit() and len(course_id) < 12
        else None
    )
    form, problem, status = InCompanyForm(), None, 200
    if request.method == "POST":
        form = InCompanyForm(request.POST)
        if form.honeypot_filled:
            problem, status = _("We konden je verzoek niet verwerken. Probeer het opnieuw."), 400
        elif abuse.limit_reached("in_company", request):
            problem, status = (
                _(
                    "Je hebt het afgelopen uur al een aantal verzoeken gestuurd. Probeer het later opnieuw."
                ),
                429,
            )
        elif form.is_valid():
            abuse.count("in_company", request)
            in_company.create_request(
                colleague,
                form.cleaned_data,
                language=request.LANGUAGE_CODE or "nl",
                course=course,
            )
            return HttpResponseRedirect(request.path + "?verstuurd")
        else:
            status = 400
    return TemplateResponse(
        request,
        "colleagues/in_company_form.html",
        {
            "colleague": colleague,
            "course": course,
            "form": form,
            "problem": problem,
            "sent": "verstuurd" in request.GET,
            "municipality_options": municipality_options(),
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def propose_view(request):
    from wagtail.models import Locale

    from colleagues.proposals import create_proposal
    from contributions.forms import municipality_options

    locale = Locale.get_active()
    form, problem, status = ProposeForm(locale=locale), None, 200
    if request.method == "POST":
        form = ProposeForm(request.POST, locale=locale)
        if form.honeypot_filled:
            problem, status = _("We konden je aanmelding niet verwerken. Probeer het opnieuw."), 400
        elif abuse.limit_reached("propose", request):
            problem, status = (
                _(
                    "Je hebt je het afgelopen uur al een aantal keer aangemeld. Probeer het later opnieuw."
                ),
                429,
            )
        elif form.is_valid():
            abuse.count("propose", request)
            create_proposal(form.cleaned_data, locale)
            return HttpResponseRedirect(request.path + "?verstuurd")
        else:
            status = 400
    return TemplateResponse(
        request,
        "colleagues/propose.html",
        {
            "form": form,
            "problem": problem,
            "sent": "verstuurd" in request.GET,
            "municipality_options": municipality_options(),
        },
        status=status,
    )
