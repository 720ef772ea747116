"""Colleague-trainers and experts: people who help colleagues in other municipalities learn.

A profile is a page so editors work on it like on any other content (drafts, revisions,
translations); it is shown publicly only with the person's recorded consent.
"""

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from practices.models.term_links import LearningFormLink, ProfessionalGroupLink, ThemeLink
from search.documents import SearchDocumentMixin, searchable_fields
from search.filter_fields import ENGINE_FILTER_FIELDS, EngineFilterMixin


class ColleagueIndexPage(Page):
    """The overview "Collega's die je verder helpen"; profiles live beneath it."""

    intro = RichTextField(_("inleiding"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["colleagues.ColleaguePage"]
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("overzicht collega's")
        verbose_name_plural = _("overzichten collega's")

    def get_context(self, request, *args, **kwargs):
        from colleagues.browsing import colleague_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(colleague_listing(self, request))
        return context


class ColleaguePage(SearchDocumentMixin, EngineFilterMixin, Page):
    """A colleague-trainer or expert; the page title is the person's name."""

    municipality = models.ForeignKey(
        "practices.Municipality",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="colleagues",
        help_text=_("De gemeente waar deze collega werkt. Leeg bij een andere organisatie."),
    )
    organisation = models.CharField(
        _("organisatie"),
        max_length=200,
        blank=True,
        help_text=_("Alleen invullen als het geen gemeente is, bijvoorbeeld een regio of VNG."),
    )
    job_title = models.CharField(_("functie"), max_length=200, blank=True)
    helps_with = models.TextField(
        _("waarmee deze collega je helpt"),
        max_length=1000,
        help_text=_(
            "Kort en concreet, in gewone taal: vragen waarmee je bij deze collega terecht kunt."
        ),
    )
    takes_in_company_requests = models.BooleanField(
        _("neemt incompany-verzoeken aan"),
        default=False,
        help_text=_("Geeft ook een cursus of training in een andere gemeente."),
    )
    languages = models.CharField(
        _("talen"),
        max_length=200,
        blank=True,
        default="Nederlands",
        help_text=_("Bijvoorbeeld 'Nederlands, Engels'."),
    )
    email = models.EmailField(
        _("e-mailadres"),
        help_text=_(
            "Nooit openbaar: berichten via het contactformulier worden hierheen doorgestuurd."
        ),
    )
    consent_given_at = models.DateTimeField(
        _("toestemming gegeven op"),
        null=True,
        blank=True,
        help_text=_("Zonder vastgelegde toestemming wordt het profiel niet gepubliceerd."),
    )
    consent_withdrawn_at = models.DateTimeField(
        _("toestemming ingetrokken op"), null=True, blank=True
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("municipality"), FieldPanel("organisation"), FieldPanel("job_title")],
            heading=_("Werkplek"),
        ),
        FieldPanel("helps_with"),
        InlinePanel("themes", heading=_("Thema's"), label=_("thema")),
        InlinePanel("professional_groups", heading=_("Beroepsgroepen"), label=_("beroepsgroep")),
        InlinePanel("learning_forms", heading=_("Werkvormen"), label=_("werkvorm")),
        InlinePanel(
            "practice_links",
            heading=_("Praktijkvoorbeelden"),
            label=_("praktijkvoorbeeld"),
            help_text=_(
                "Praktijkvoorbeelden waaraan deze collega werkte. Voorbeelden waarin deze collega "
                "contactpersoon is, verschijnen vanzelf."
            ),
        ),
        MultiFieldPanel(
            [FieldPanel("takes_in_company_requests"), FieldPanel("languages")],
            heading=_("Beschikbaarheid"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("email"),
                FieldPanel("consent_given_at", read_only=True),
                FieldPanel("consent_withdrawn_at", read_only=True),
            ],
            heading=_("Contact en toestemming"),
        ),
    ]
    parent_page_types = ["colleagues.ColleagueIndexPage"]
    subpage_types = []
    search_fields = searchable_fields(Page, extra=ENGINE_FILTER_FIELDS)

    class Meta:
        verbose_name = _("collega-trainer of expert")
        verbose_name_plural = _("collega-trainers en experts")

    @property
    def has_consent(self):
        return self.consent_given_at is not None and self.consent_withdrawn_at is None

    @property
    def workplace(self):
        """Where this colleague works, as a visitor reads it."""
        if self.municipality_id:
            return _("gemeente %(name)s") % {"name": self.municipality.name}
        return self.organisation

    @property
    def theme_terms(self):
        return [link.theme for link in self.themes.all()]

    @property
    def professional_group_terms(self):
        return [link.professional_group for link in self.professional_groups.all()]

    @property
    def learning_form_terms(self):
        return [link.learning_form for link in self.learning_forms.all()]

    # Consent is the person's, never the editor's: it lives on the page row and no revision (a
    # draft saved before consent, or one published later) may bring back an older value.
    PERSON_FIELDS = ("consent_given_at", "consent_withdrawn_at")

    def with_content_json(self, content):
        page = super().with_content_json(content)
        for name in self.PERSON_FIELDS:
            setattr(page, name, getattr(self, name))
        return page

    def serve(self, request, *args, **kwargs):
        # A live page without (or after withdrawn) consent is never shown, whichever way it went
        # live; editors still preview the draft they are preparing.
        if not self.has_consent and not getattr(request, "is_preview", False):
            raise Http404
        if request.method == "POST":
            from colleagues.contact import handle_contact

            return handle_contact(self, request)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from colleagues.profile import profile_context

        context = super().get_context(request, *args, **kwargs)
        context.update(profile_context(self, request))
        return context


class ColleagueTheme(ThemeLink):
    page = ParentalKey(ColleaguePage, on_delete=models.CASCADE, related_name="themes")


class ColleagueProfessionalGroup(ProfessionalGroupLink):
    page = ParentalKey(ColleaguePage, on_delete=models.CASCADE, related_name="professional_groups")


class ColleagueLearningForm(LearningFormLink):
    page = ParentalKey(ColleaguePage, on_delete=models.CASCADE, related_name="learning_forms")


class ColleaguePractice(Orderable):
    """A practice this colleague worked on, chosen by an editor."""

    page = ParentalKey(ColleaguePage, on_delete=models.CASCADE, related_name="practice_links")
    practice = models.ForeignKey(
        "practices.PracticePage",
        verbose_name=_("praktijkvoorbeeld"),
        on_delete=models.CASCADE,
        related_name="colleague_links",
    )
    panels = [FieldPanel("practice")]

    class Meta(Orderable.Meta):
        verbose_name = _("praktijkvoorbeeld")
