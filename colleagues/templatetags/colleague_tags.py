"""The colleagues overview and the knowledge-question intake in the active language, for menus."""

from django import template
from django.conf import settings
from django.utils import translation

register = template.Library()


def _live(model):
    for code in (translation.get_language(), settings.LANGUAGE_CODE):
        found = model.objects.live().filter(locale__language_code=code).first()
        if found:
            return found
    return None


@register.simple_tag
def colleague_index_page():
    from colleagues.models import ColleagueIndexPage

    return _live(ColleagueIndexPage)


@register.simple_tag
def question_intake_page():
    from colleagues.models import QuestionIntakePage

    return _live(QuestionIntakePage)
