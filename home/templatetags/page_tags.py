"""Template helpers for page content: embedded video made accessible and CSP-friendly."""

import logging
import re

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext

register = template.Library()
logger = logging.getLogger(__name__)

IFRAME_ONLY = re.compile(r"^\s*<iframe\b[^>]*>\s*</iframe>\s*$", re.IGNORECASE | re.DOTALL)
STYLE_ATTRIBUTE = re.compile(r"\s+style=(\"[^\"]*\"|'[^']*')", re.IGNORECASE)
TITLE_ATTRIBUTE = re.compile(r"\s+title=(\"[^\"]*\"|'[^']*')", re.IGNORECASE)


@register.filter
def embed_html(value, title):
    """The provider's player as one iframe titled for screen readers; '' when that is not possible.

    Only a lone iframe is accepted: scripts and inline styles from a provider would break the
    site's Content-Security-Policy, and the block always offers a plain link as well.
    """
    from wagtail.embeds.embeds import get_embed

    if not value:
        return ""
    try:
        # The provider's own HTML, not Wagtail's wrapper (which adds an inline style).
        html = get_embed(value.url, value.max_width, value.max_height).html
    except Exception:  # an unreachable or unknown provider must not break the page
        logger.warning("Video embed unavailable for %s", getattr(value, "url", value))
        return ""
    if not html or not IFRAME_ONLY.match(html):
        return ""
    html = STYLE_ATTRIBUTE.sub("", html)
    html = TITLE_ATTRIBUTE.sub("", html)
    html = re.sub(
        r"<iframe\b",
        f'<iframe title="{escape(title)}" loading="lazy"',
        html,
        count=1,
        flags=re.IGNORECASE,
    )
    return mark_safe(html)


@register.simple_tag
def practice_details(page):
    """Fact box terms, attachments and related cases of a practice page (a fixed number of queries)."""
    from practices.practice_context import practice_context

    return practice_context(page)


@register.simple_tag(takes_context=True)
def practice_index_listing(context):
    """The practice index's filtered listing: the visitor's query and facet choices from the GET form."""
    from practices.listings import build_listing, filters_from_query

    request = context["request"]
    query = request.GET.get("q", "").strip()[:200]
    filters = filters_from_query(request)
    return build_listing(request, filters, query=query, dutch_filters=filters)


@register.simple_tag
def facet_groups(results):
    """The facets of `results` in the order search.registry gives them, as groups for
    templates/includes/filters.html."""
    from search.registry import TYPE_FACET, facets

    found = getattr(results, "facets", None) or {}
    groups = []
    # Practice listings are practices only: the kind of result is no choice there.
    for facet in facets():
        if facet.name == TYPE_FACET:
            continue
        values = found.get(facet.name, [])
        chosen = any(value.selected for value in values)
        groups.append(
            {
                "name": facet.name,
                "label": facet.label,
                "values": values,
                "open": chosen or not facet.collapsed,
            }
        )
    return groups


def _selected(values):
    return sum(1 for value in values if getattr(value, "selected", False))


@register.filter
def filters_any_selected(values):
    return _selected(values) > 0


@register.simple_tag
def filters_active_count(groups):
    """How many filter values are chosen, for "Filters (3)"."""
    return sum(_selected(group["values"]) for group in groups or ())


def _field(item, name):
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)


@register.simple_tag
def filter_options(group):
    """The options of one filter group (includes/filters.html), built here rather than in a
    template loop: a listing shows hundreds (every municipality, every province), and rendering
    them one template variable at a time was most of an uncached search page's CPU time."""
    name = _field(group, "name")
    single = _field(group, "single")
    kind = "radio" if single else "checkbox"
    css = "utrecht-radio-button" if single else "utrecht-checkbox utrecht-checkbox--html-input"
    results = gettext("resultaten")
    options = []
    for value in _field(group, "values") or ():
        raw = _field(value, "value")
        ident = f"f-{name}-{slugify(raw)}"
        count = _field(value, "count")
        shown = (
            format_html(
                ' <span class="filters__count">({}<span class="visually-hidden"> {}</span>)</span>',
                count,
                results,
            )
            if count or count == 0
            else ""
        )
        options.append(
            format_html(
                '<li class="filters__option">\n'
                '<input class="{}" type="{}" id="{}" name="{}" value="{}"{}>\n'
                '<label class="utrecht-form-label utrecht-form-label--checkbox" for="{}">{}{}</label>\n'
                "</li>",
                css,
                kind,
                ident,
                name,
                raw,
                mark_safe(" checked") if _field(value, "selected") else "",
                ident,
                _field(value, "label"),
                shown,
            )
        )
    return mark_safe("\n".join(options))


@register.simple_tag
def card_images(*hit_lists):
    """{page id: image} for the practices in these lists that have a hero image, in one query,
    so a page of cards costs no query per card."""
    from practices.models import PracticePage

    ids = {hit.page_id for hits in hit_lists for hit in (hits or ())}
    if not ids:
        return {}
    found = (
        PracticePage.objects.filter(id__in=ids, hero_image__isnull=False)
        .select_related("hero_image")
        .only("id", "hero_image")
    )
    return {page.id: page.hero_image for page in found}


@register.simple_tag
def card_image(images, page_id):
    """The image of one card from `card_images`, or None."""
    return images.get(page_id) if images else None
