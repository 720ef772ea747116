"""Template tags other apps use to show publications, e.g. on a practice page."""

from django import template

from publications.queries import publications_mentioning

register = template.Library()


@register.inclusion_tag("publications/includes/mentioned_in.html")
def publications_mentioning_practice(practice_page):
    """`{% publications_mentioning_practice page %}`: the publications that discuss this practice."""
    return {"publications": publications_mentioning(practice_page) if practice_page else []}
