"""Editors' side: consent before publishing, asking for consent, the knowledge questions (listing,
handling: similar questions, proposed colleagues, forwarding, answer page), in-company requests,
the gap report and the reminders panel on the dashboard."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from colleagues import consent, gaps, in_company, questions, reminders
from colleagues.matching import proposals_for
from colleagues.models import ColleaguePage, InCompanyRequest, KnowledgeQuestion

# --- consent -----------------------------------------------------------------------------------


@hooks.register("before_publish_page")
def refuse_profile_without_consent(request, page):
    if not isinstance(page.specific, ColleaguePage):
        return None
    current = ColleaguePage.objects.get(pk=page.pk)
    if current.has_consent:
        return None
    messages.error(
        request,
        _(
            "Het profiel van %(name)s is opgeslagen als concept, maar niet gepubliceerd: "
            "%(name)s heeft (nog) geen toestemming gegeven. Stuur een toestemmingsverzoek met de "
            "knop ‘Toestemming vragen’; na de toestemming kun je publiceren."
        )
        % {"name": current.title},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("register_page_header_buttons")
def consent_request_button(page, user, view_name, next_url=None):
    if isinstance(page.specific, ColleaguePage) and not page.specific.has_consent:
        yield Button(
            _("Toestemming vragen"),
            url=reverse("colleagues_request_consent", args=[page.pk]),
            icon_name="mail",
            priority=5,
        )


def request_consent_view(request, page_id):
    page = get_object_or_404(ColleaguePage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if request.method == "POST":
        consent.request_consent(page)
        messages.success(
            request,
            _("Het toestemmingsverzoek is gemaild naar %(name)s.") % {"name": page.title},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(request, "colleagues/admin/request_consent.html", {"page": page})


# --- knowledge questions -----------------------------------------------------------------------


class QuestionIndexView(IndexView):
    def get_edit_url(self, instance):
        # A question is handled (similar questions, proposals, forwarding), not edited as a form.
        return reverse("colleagues_handle_question", args=[instance.pk])


class KnowledgeQuestionViewSet(SnippetViewSet):
    model = KnowledgeQuestion
    icon = "help"
    menu_label = gettext_lazy("Kennisvragen")
    list_display = ["__str__", "status", "created_at", "confirmed_at"]
    list_filter = ["status"]
    search_fields = ["text"]

    index_view_class = QuestionIndexView

    def get_queryset(self, request):
        # A question counts once its asker confirmed the address (double opt-in).
        return KnowledgeQuestion.objects.filter(confirmed_at__isnull=False)


class InCompanyRequestViewSet(SnippetViewSet):
    model = InCompanyRequest
    icon = "group"
    menu_label = gettext_lazy("Incompany-verzoeken")
    list_display = ["__str__", "status", "created_at"]
    list_filter = ["status"]


class ColleaguesGroup(SnippetViewSetGroup):
    items = (KnowledgeQuestionViewSet, InCompanyRequestViewSet)
    menu_icon = "help"
    menu_label = gettext_lazy("Kennisvragen")
    menu_name = "knowledge-questions"
    menu_order = 250


register_snippet(ColleaguesGroup)


@hooks.register("after_edit_snippet")
def tell_requester(request, instance):
    if isinstance(instance, InCompanyRequest):
        in_company.status_changed(instance)


def handle_question_view(request, pk):
    # Askers' details and forwarding: for those who may change questions (the editors), not for
    # everyone with admin access (organisers, privacy officers).
    if not request.user.has_perm("colleagues.change_knowledgequestion"):
        raise PermissionDenied
    question = get_object_or_404(KnowledgeQuestion, pk=pk, confirmed_at__isnull=False)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "forward":
            colleague = get_object_or_404(ColleaguePage, pk=request.POST.get("colleague") or 0)
            questions.forward(question, colleague, request.POST.get("explanation", ""))
            messages.success(request, _("Doorgestuurd naar %(name)s.") % {"name": colleague.title})
        elif action == "merge":
            into = get_object_or_404(KnowledgeQuestion, pk=request.POST.get("into") or 0)
            questions.merge(question, into)
            messages.success(
                request, _("Samengevoegd; de vraagsteller hoort het antwoord op de andere vraag.")
            )
        elif action == "close":
            questions.close(question)
            messages.success(request, _("De vraag is gesloten."))
        elif action == "answer_page":
            forward = get_object_or_404(question.forwards, pk=request.POST.get("forward") or 0)
            page = questions.create_answer_page(question, forward, request.user)
            messages.success(
                request, _("Antwoordpagina gemaakt als concept; controleer en publiceer hem.")
            )
            return redirect("wagtailadmin_pages:edit", page.pk)
        return redirect("colleagues_handle_question", question.pk)
    return TemplateResponse(
        request,
        "colleagues/admin/handle_question.html",
        {
            "question": question,
            "similar": questions.similar_open_questions(question) if question.is_open else [],
            "proposals": proposals_for(question) if question.is_open else [],
            "forwards": question.forwards.select_related("colleague"),
            "merged": question.merged.all(),
        },
    )


# --- gap report, reminders ---------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "collegas/toestemming/<int:page_id>/",
            request_consent_view,
            name="colleagues_request_consent",
        ),
        path(
            "kennisvragen/<int:pk>/behandelen/",
            handle_question_view,
            name="colleagues_handle_question",
        ),
        path("kennisvragen/witte-vlekken/", gaps.gap_report_view, name="colleagues_gap_report"),
    ]


class GapMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("colleagues.view_knowledgequestion")


@hooks.register("register_reports_menu_item")
def register_gap_report_menu_item():
    return GapMenuItem(
        gettext_lazy("Witte vlekken: vraag zonder aanbod"),
        reverse("colleagues_gap_report"),
        name="colleagues-gaps",
        icon_name="warning",
        order=1070,
    )


class RemindersPanel(Component):
    name = "knowledge_question_reminders"
    order = 95
    template_name = "colleagues/admin/reminders_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        return {"overdue": reminders.overdue()}

    def render_html(self, parent_context=None):
        if not self.request.user.has_perm("colleagues.change_knowledgequestion"):
            return ""
        return super().render_html(parent_context)


@hooks.register("construct_homepage_panels")
def add_reminders_panel(request, panels):
    panels.append(RemindersPanel(request))
