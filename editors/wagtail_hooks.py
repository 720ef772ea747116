from wagtail import hooks

from editors.workflow_messages import announce_workflow_outcome


@hooks.register("after_edit_page")
def say_what_the_workflow_action_did(request, page):
    announce_workflow_outcome(request, page)
