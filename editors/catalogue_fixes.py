"""Wagtail's Dutch catalogue has a few broken entries ("1-26van 26pagina's"); these msgids get a
correct Dutch translation in our own catalogue (locale/nl), which Django reads before Wagtail's.
Never called: listed here so `make messages` keeps them."""

from django.utils.translation import gettext_noop

WAGTAIL_MSGIDS = (
    gettext_noop("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s"),
    gettext_noop(
        "%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s in "
        "'<span class=\"w-title-ellipsis\">%(title)s</span>'."
    ),
    gettext_noop("Page '%(page_title)s' has been updated."),
)
