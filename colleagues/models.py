"""Colleague-trainers and experts: people who help colleagues in other municipalities learn.

A profile is a page so editors work on it like on any other content (drafts, revisions,
translations); it is shown publicly only with the person's recorded consent.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from practices.models.term_links import LearningFormLink, ProfessionalGroupLink, ThemeLink


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


class ColleaguePage(Page):
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

    class Meta:
        verbose_name = _("collega-trainer of expert")
        verbose_name_plural = _("collega-trainers en experts")

    @property
    def has_consent(self):
        return self.consent_given_at is not None and self.consent_withdrawn_at is None


class ColleagueTheme(ThemeLink):
    page = ParentalKey(ColleaguePage, on_delete=models.CASCADE, related_name="themes")


class ColleagueProfessionalGroup(ProfessionalGroupLink):
    page = ParentalKey(ColleaguePage, on_delete=models.CASCADE, related_name="professional_groups")


class ColleagueLearningForm(LearningFormLink):
    page = ParentalKey(ColleaguePage, on_delete=models.CASCADE, related_name="learning_forms")
