"""`{% agenda_index_page as agenda %}`: the agenda in the current language, for the menu."""

from django import template
from django.utils.translation import get_language

from search.versioning import VersionedCache

register = template.Library()

# In the menu of every page: read once per content version, not per request.
_pages = VersionedCache()


@register.simple_tag
def agenda_index_page():
    from agenda.models import AgendaIndexPage

    def first_per_language():
        found = {}
        pages = AgendaIndexPage.objects.live().public().select_related("locale").order_by("path")
        for page in pages:
            found.setdefault(page.locale.language_code, page)
        return found

    return _pages.get("agenda", first_per_language).get(get_language())
