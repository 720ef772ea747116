"""`{% seo_head %}`: canonical link, language alternates, feeds, OpenGraph and JSON-LD in the head;
`{% feed_links %}`: the visible links to the feeds that follow what the page shows."""

from django import template

from seo.metadata import feeds_for, head_metadata

register = template.Library()


@register.inclusion_tag("seo/head.html", takes_context=True)
def seo_head(context):
    return {"meta": head_metadata(context)}


@register.inclusion_tag("seo/feed_links.html", takes_context=True)
def feed_links(context):
    return {"feeds": feeds_for(context)}
