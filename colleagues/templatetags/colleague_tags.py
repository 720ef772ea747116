"""The colleagues overview and the knowledge-question intake in the active language, for menus."""

from django import template
from django.conf import settings
from django.utils import translation

from search.versioning import VersionedCache

register = template.Library()

# On every page (menu, footer): read once per content version, not per request.
_pages = VersionedCache()


def _live(model):
    def first_per_language():
        found = {}
        for page in model.objects.live().public().select_related("locale").order_by("path"):
            found.setdefault(page.locale.language_code, page)
        return found

    pages = _pages.get(model.__name__, first_per_language)
    for code in (translation.get_language(), settings.LANGUAGE_CODE):
        if code in pages:
            return pages[code]
    return None


@register.simple_tag
def colleague_index_page():
    from colleagues.models import ColleagueIndexPage

    return _live(ColleagueIndexPage)


@register.simple_tag
def question_intake_page():
    from colleagues.models import QuestionIntakePage

    return _live(QuestionIntakePage)
