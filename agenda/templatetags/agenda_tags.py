"""`{% agenda_index_page as agenda %}`: the agenda in the current language, for the menu."""

from django import template
from django.utils.translation import get_language
from wagtail.models import Locale

register = template.Library()


@register.simple_tag
def agenda_index_page():
    from agenda.models import AgendaIndexPage

    locale = Locale.objects.filter(language_code=get_language()).first()
    if locale is None:
        return None
    return AgendaIndexPage.objects.live().public().filter(locale=locale).first()
