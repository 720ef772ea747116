"""After a workflow action in the page editor, say what happened to the page ("goedgekeurd en
gepubliceerd", "wacht nu op Hoofdredactie", "teruggestuurd"), not only that it was saved."""

from django.contrib import messages
from django.utils.translation import gettext as _

WORKFLOW_ACTION_FIELD = "action-workflow-action"
ACTION_NAME_FIELD = "workflow-action-name"


def outcome_message(page, action):
    title = page.get_admin_display_title()
    if action == "approve":
        if page.live and page.current_workflow_state is None:
            return _("'%(title)s' is goedgekeurd en gepubliceerd.") % {"title": title}
        task = page.current_workflow_task
        if task is not None:
            return _("'%(title)s' is goedgekeurd en wacht nu op de stap '%(task)s'.") % {
                "title": title,
                "task": task.name,
            }
        return _("'%(title)s' is goedgekeurd.") % {"title": title}
    if action == "reject":
        return _(
            "'%(title)s' is afgekeurd en teruggestuurd naar de schrijver; je opmerkingen staan bij de pagina."
        ) % {"title": title}
    return None


def announce_workflow_outcome(request, page):
    if request.method != "POST" or WORKFLOW_ACTION_FIELD not in request.POST:
        return
    page.refresh_from_db()
    message = outcome_message(page, request.POST.get(ACTION_NAME_FIELD, ""))
    if message:
        messages.success(request, message)
