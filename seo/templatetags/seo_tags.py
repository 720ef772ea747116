"""`{% seo_head %}`: canonical link, language alternates, OpenGraph and JSON-LD in the page head."""

from django import template

from seo.metadata import head_metadata

register = template.Library()


@register.inclusion_tag("seo/head.html", takes_context=True)
def seo_head(context):
    return {"meta": head_metadata(context)}
