"""The home page: what the knowledge bank is, and the ways into it."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


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

        context = super().get_context(request, *args, **kwargs)
        context.update(home_context(self.locale.language_code))
        return context

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
