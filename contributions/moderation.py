"""The moderator's view of one contribution: the whole submission, the draft's workflow state, and
what a moderator can do with it (open the draft, reject with a message, erase personal data).

The contribution's state follows its draft page (contributions/signals.py); nobody sets it by hand.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin import messages
from wagtail.admin.views import generic

from contributions.models import Contribution
from contributions.notifications import mail_submitter

SECTIONS = (
    ("situation", gettext_lazy("Aanleiding")),
    ("approach", gettext_lazy("Aanpak")),
    ("results", gettext_lazy("Resultaat")),
    ("lessons", gettext_lazy("Geleerde lessen")),
)


def draft_of(contribution):
    """The draft as its latest revision has it (editors may have changed it since it came in)."""
    page = contribution.page
    if page is None:
        return None
    return page.get_latest_revision_as_object()


def workflow_label(contribution):
    """Where the submission stands, read from its draft page and workflow."""
    page = contribution.page
    if page is None:
        return _("Conceptpagina verwijderd")
    if page.live:
        return _("Gepubliceerd")
    state = page.current_workflow_state
    if state is not None:
        task = page.current_workflow_task
        if task is not None:
            return _("In behandeling: wacht op %(task)s") % {"task": task.name}
        return _("In behandeling")
    if contribution.status == Contribution.Status.REJECTED:
        return _("Afgewezen")
    return _("Concept, niet in behandeling")


def attachment_rows(draft):
    rows = []
    for attachment in getattr(draft, "attachments", None) and draft.attachments.all() or []:
        document = attachment.document
        if document is None:
            continue
        rows.append(
            {
                "title": document.title,
                "kind": (document.file_extension or "").upper() or _("onbekend"),
                "size": document.get_file_size(),
                "url": reverse("wagtaildocs:edit", args=[document.pk]),
            }
        )
    return rows


class ContributionModerationView(generic.InspectView):
    """Replaces the generic inspect view: everything a moderator needs on one screen."""

    template_name = "contributions/admin/moderation.html"

    def get_page_title(self):
        return _("Inzending beoordelen")

    def get_edit_url(self):
        return None  # the draft page is edited in the page editor; the record itself is not

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        contribution = self.object
        draft = draft_of(contribution)
        context.update(
            {
                "contribution": contribution,
                "draft": draft,
                "sections": [
                    (label, getattr(draft, name)) for name, label in SECTIONS if draft is not None
                ],
                "workflow_label": workflow_label(contribution),
                "attachments": attachment_rows(draft) if draft is not None else [],
                "draft_edit_url": (
                    reverse("wagtailadmin_pages:edit", args=[contribution.page_id])
                    if contribution.page_id
                    else ""
                ),
                "can_reject": contribution.page is not None
                and not contribution.page.live
                and contribution.status != Contribution.Status.REJECTED,
                "reject_url": reverse("contribution:reject", args=[contribution.pk]),
                "erase_url": reverse("contribution:erase", args=[contribution.pk]),
                "export_url": reverse("contribution:export", args=[contribution.pk]),
            }
        )
        return context


class EditRedirectView(View):
    """No edit form: the state follows the draft's workflow. Old links land on the moderation view."""

    def dispatch(self, request, pk):
        return redirect("contribution:inspect", pk)


class RejectForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("Bericht aan de inzender"),
        help_text=gettext_lazy(
            "Zeg kort waarom het voorbeeld niet wordt gepubliceerd. De inzender krijgt dit per e-mail."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
    )


def send_rejection(contribution, message):
    return mail_submitter(contribution, "rejected", message=message)


def reject_view(request, pk, policy):
    """Reject with a message to the submitter: the draft leaves the workflow, the page stays a draft."""
    if not policy.user_has_permission(request.user, "change"):
        raise PermissionDenied
    contribution = get_object_or_404(Contribution, pk=pk)
    page = contribution.page
    if page is None or page.live or contribution.status == Contribution.Status.REJECTED:
        messages.error(request, _("Deze inzending kan niet meer worden afgewezen."))
        return redirect("contribution:inspect", pk)
    form = RejectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            state = page.current_workflow_state
            if state is not None:
                state.cancel(user=request.user)
            contribution.decide(Contribution.Status.REJECTED)
        mailed = send_rejection(contribution, form.cleaned_data["message"])
        if mailed:
            messages.success(
                request,
                _("'%(title)s' is afgewezen; de inzender heeft je bericht per e-mail gekregen.")
                % {"title": contribution.title},
            )
        else:
            messages.warning(
                request,
                _(
                    "'%(title)s' is afgewezen, maar de inzender kon niet worden gemaild "
                    "(geen e-mailadres meer, of de e-mail mislukte)."
                )
                % {"title": contribution.title},
            )
        return redirect("contribution:inspect", pk)
    return TemplateResponse(
        request,
        "contributions/admin/reject.html",
        {"contribution": contribution, "form": form, "header_icon": "cross"},
    )
