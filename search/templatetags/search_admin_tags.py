from django import template

from search.query_report import synonym_add_url as build_synonym_add_url

register = template.Library()


@register.simple_tag
def synonym_add_url(query):
    """The synonym form, already filled in with a query that found nothing."""
    return build_synonym_add_url(query)
