"""The home page: what the knowledge bank is, and the ways into it."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from caching.public_pages import view_restrictions
from changes.version import current_version


def route_key(home, url_path):
    """Where a live page found by its address is kept for the next visitor: until the content
    changes (the key holds the content version), with the page fragments (PAGE_FRAGMENT_SECONDS;
    None when they are off). Only found pages are kept, so unknown addresses fill nothing."""
    if settings.PAGE_FRAGMENT_SECONDS <= 0:
        return None
    try:
        version = current_version()
    except DatabaseError:
        return None
    digest = hashlib.sha1(url_path.encode(), usedforsecurity=False).hexdigest()
    return f"route:{version}:{home.pk}:{digest}"


class HomePage(Page):
    introduction = models.TextField(
        _("introductie"),
        blank=True,
        help_text=_("Eén of twee zinnen: wat vind je in de kennisbank?"),
    )
    body = RichTextField(
        _("toelichting"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ul", "ol"]
    )

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    def get_context(self, request, *args, **kwargs):
        from home.home_context import home_context
        from home.site_frame import locale_code

        context = super().get_context(request, *args, **kwargs)
        context.update(home_context(locale_code(self.locale_id)))
        return context

    def route(self, request, path_components):
        """A page beneath the home page in two queries (its address, then its own fields) instead
        of two per level: `url_path` is the path of slugs Wagtail keeps on every page; none when
        an earlier visitor found it in this content version (`route_key`). What it does not
        find (a sub-address of a routable page, a download) goes Wagtail's own way."""
        if path_components:
            url_path = self.url_path + "/".join(path_components) + "/"
            key = route_key(self, url_path)
            found = cache.get(key) if key else None
            if found is None:
                found = Page.objects.filter(url_path=url_path, path__startswith=self.path).first()
                if found is None:
                    return super().route(request, path_components)
                if not found.live:
                    raise Http404
                found = found.specific
                if key:
                    cache.set(key, found, settings.PAGE_FRAGMENT_SECONDS)
            return found.route(request, [])
        return super().route(request, path_components)

    def get_view_restrictions(self):
        return view_restrictions(self, super().get_view_restrictions)

    class Meta:
        verbose_name = _("homepagina")
        verbose_name_plural = _("homepagina's")


class InformationPage(Page):
    """A page about the site itself (contact, privacy, accessibility, colofon), linked from the footer.

    Pages with "Tonen in menu's" switched on appear in the footer, in the order of the page tree.
    """

    intro = models.TextField(
        _("introductie"), blank=True, help_text=_("Eén of twee zinnen boven de tekst.")
    )
    body = RichTextField(
        _("tekst"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ul", "ol"]
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("informatiepagina")
        verbose_name_plural = _("informatiepagina's")
