"""`{% page_fragment "name" %}…{% endpage_fragment %}`: a part of a page kept in Django's cache
until the content changes.

For the parts of a page that depend only on the content (the head's metadata, the menus, the fact
box with its terms and places, the body, the related practices), not on the visitor: rendered once
per content version and reused by every request after it, also by visitors the page cache cannot
serve (a session, a query string, a cookie). The key carries the content version
(`changes.version`), which every publish, unpublish, move, term change or import renews, so a
change shows at once on every server; old fragments simply expire.

Opt-in per page type: only pages whose class sets `cache_fragments = True` use the cache, only
when PAGE_FRAGMENT_SECONDS > 0 (0 in development and tests) and never in a preview (an editor's
draft is not what visitors see). Everything else renders the block as if the tag were not there.
Besides the version, the key holds the page, the active language, the address's scheme, host and
path, and any further values given: `{% page_fragment "related" page.pk %}`.
"""

import hashlib

from django import template
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.utils import translation
from django.utils.safestring import mark_safe
from wagtail.models import Page

from changes.version import current_version

register = template.Library()

KEY_PREFIX = "fragment"


def fragment_key(context, name, extra=()):
    """The cache key of fragment `name` in this context, or None when it must not be cached."""
    seconds = getattr(settings, "PAGE_FRAGMENT_SECONDS", 0)
    page = context.get("page")
    request = context.get("request")
    if seconds <= 0 or request is None or not isinstance(page, Page) or not page.pk:
        return None
    if not getattr(type(page), "cache_fragments", False):
        return None
    if getattr(request, "is_preview", False) or context.get("is_preview"):
        return None
    try:
        version = current_version()
    except DatabaseError:
        return None
    parts = (
        name,
        str(page.pk),
        translation.get_language() or "",
        request.scheme,
        request.get_host(),
        request.path,
        *(str(value) for value in extra),
    )
    digest = hashlib.sha1("\x1f".join(parts).encode(), usedforsecurity=False).hexdigest()
    return f"{KEY_PREFIX}:{version}:{digest}"


class PageFragmentNode(template.Node):
    def __init__(self, nodelist, name, extra):
        self.nodelist = nodelist
        self.name = name
        self.extra = extra

    def render(self, context):
        name = self.name.resolve(context)
        key = fragment_key(context, name, [value.resolve(context) for value in self.extra])
        if key is None:
            return self.nodelist.render(context)
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(key, str(html), settings.PAGE_FRAGMENT_SECONDS)
        return mark_safe(html)  # noqa: S308 - rendered by our own template, escaped there


@register.tag("page_fragment")
def page_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(
            f"'{bits[0]}' takes a fragment name: {{% page_fragment \"name\" %}}"
        )
    nodelist = parser.parse(("endpage_fragment",))
    parser.delete_first_token()
    return PageFragmentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )
