"""Knowledge questions: the intake page, what was searched there, the questions sent to the editors,
their forwarding to colleagues, and the published question-and-answer pages."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from search.documents import SearchDocumentMixin, searchable_fields
from search.filter_fields import ENGINE_FILTER_FIELDS, EngineFilterMixin


class QuestionIntakePage(Page):
    """ "Stel je kennisvraag": one intake that first shows what already exists, then sends the
    question to the editors. Answered questions are published beneath it."""

    intro = RichTextField(_("inleiding"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["colleagues.QuestionAnswerPage"]
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("kennisvraag stellen")
        verbose_name_plural = _("kennisvraag stellen")

    def serve(self, request, *args, **kwargs):
        from colleagues.intake import serve_intake

        return serve_intake(self, request)


class QuestionAnswerPage(SearchDocumentMixin, EngineFilterMixin, Page):
    """An answered knowledge question, reviewed by an editor; the asker is anonymous unless they
    agreed to be named."""

    question = models.TextField(_("vraag"), max_length=2000)
    answer = RichTextField(_("antwoord"), features=["bold", "italic", "link", "ul", "ol"])
    asked_by = models.CharField(
        _("gesteld door"),
        max_length=200,
        blank=True,
        help_text=_(
            "Alleen invullen als de vraagsteller ermee instemde; anders blijft de vraag anoniem."
        ),
    )
    answered_by = models.ForeignKey(
        "colleagues.ColleaguePage",
        verbose_name=_("beantwoord door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answers",
    )
    answered_on = models.DateField(_("beantwoord op"), default=timezone.localdate)
    theme = models.ForeignKey(
        "practices.Theme",
        verbose_name=_("thema"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    professional_group = models.ForeignKey(
        "practices.ProfessionalGroup",
        verbose_name=_("beroepsgroep"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("question"),
        FieldPanel("answer"),
        MultiFieldPanel(
            [FieldPanel("answered_by"), FieldPanel("answered_on"), FieldPanel("asked_by")],
            heading=_("Wie"),
        ),
        MultiFieldPanel(
            [FieldPanel("theme"), FieldPanel("professional_group")], heading=_("Indeling")
        ),
        InlinePanel(
            "links",
            heading=_("Verder lezen"),
            label=_("pagina"),
            help_text=_(
                "Praktijkvoorbeelden, cursussen, publicaties of collega's bij dit antwoord."
            ),
        ),
    ]
    search_fields = searchable_fields(Page, extra=ENGINE_FILTER_FIELDS)
    parent_page_types = ["colleagues.QuestionIntakePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("beantwoorde kennisvraag")
        verbose_name_plural = _("beantwoorde kennisvragen")


class QuestionAnswerLink(Orderable):
    page = ParentalKey(QuestionAnswerPage, on_delete=models.CASCADE, related_name="links")
    target = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("pagina"), on_delete=models.CASCADE, related_name="+"
    )
    panels = [FieldPanel("target")]


class IntakeSearch(models.Model):
    """One question typed into the intake: what it found and whether that helped. No person is
    stored; the theme, group and province are read from the words for the gap report."""

    query = models.CharField(_("vraag"), max_length=500)
    language = models.CharField(_("taal"), max_length=8, default="nl")
    result_count = models.PositiveIntegerField(_("aantal resultaten"), default=0)
    helped = models.BooleanField(_("vraag beantwoord door de resultaten"), default=False)
    sent = models.BooleanField(_("als vraag verstuurd"), default=False)
    theme = models.ForeignKey(
        "practices.Theme", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    professional_group = models.ForeignKey(
        "practices.ProfessionalGroup",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    province = models.ForeignKey(
        "practices.Province", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_on = models.DateField(_("datum"), default=timezone.localdate)

    class Meta:
        verbose_name = _("zoekpoging bij de kennisvraag")
        verbose_name_plural = _("zoekpogingen bij de kennisvraag")

    def __str__(self):
        return self.query


class KnowledgeQuestion(models.Model):
    """A question sent to the editors (after its e-mail address was confirmed)."""

    class Status(models.TextChoices):
        NEW = "nieuw", _("nieuw")
        FORWARDED = "doorgestuurd", _("doorgestuurd")
        ANSWERED = "beantwoord", _("beantwoord")
        MERGED = "samengevoegd", _("samengevoegd")
        CLOSED = "gesloten", _("gesloten")

    text = models.TextField(_("vraag"), max_length=2000)
    language = models.CharField(_("taal"), max_length=8, default="nl")
    theme = models.ForeignKey(
        "practices.Theme",
        verbose_name=_("thema"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    professional_group = models.ForeignKey(
        "practices.ProfessionalGroup",
        verbose_name=_("beroepsgroep"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    municipality = models.ForeignKey(
        "practices.Municipality",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    asker_name = models.CharField(_("naam vraagsteller"), max_length=200, blank=True)
    asker_email = models.EmailField(_("e-mailadres vraagsteller"), blank=True)
    may_show_name = models.BooleanField(_("naam mag bij het antwoord"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("samengevoegd met"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged",
    )
    answer_page = models.ForeignKey(
        QuestionAnswerPage,
        verbose_name=_("antwoordpagina"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
    )
    editor_note = models.TextField(_("notitie redactie"), blank=True)
    created_at = models.DateTimeField(_("verstuurd op"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("e-mailadres bevestigd op"), null=True, blank=True)
    forwarded_at = models.DateTimeField(_("doorgestuurd op"), null=True, blank=True)
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    forward_reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    answer_reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    panels = [
        FieldPanel("text", read_only=True),
        FieldPanel("status"),
        FieldPanel("merged_into"),
        FieldPanel("editor_note"),
    ]

    class Meta:
        verbose_name = _("kennisvraag")
        verbose_name_plural = _("kennisvragen")
        ordering = ["-created_at"]

    def __str__(self):
        text = " ".join(self.text.split())
        return text if len(text) <= 80 else text[:79] + "…"

    @property
    def is_open(self):
        return self.status in (self.Status.NEW, self.Status.FORWARDED)


class QuestionForward(models.Model):
    """A question forwarded to one colleague, who answers or declines through a signed link."""

    class Status(models.TextChoices):
        ASKED = "gevraagd", _("gevraagd")
        ANSWERED = "beantwoord", _("beantwoord")
        DECLINED = "afgeslagen", _("afgeslagen")

    question = models.ForeignKey(
        KnowledgeQuestion, on_delete=models.CASCADE, related_name="forwards"
    )
    colleague = models.ForeignKey(
        "colleagues.ColleaguePage",
        verbose_name=_("collega"),
        on_delete=models.CASCADE,
        related_name="forwards",
    )
    explanation = models.CharField(_("waarom deze collega"), max_length=500, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ASKED)
    answer = models.TextField(_("antwoord"), blank=True, max_length=10000)
    decline_reason = models.CharField(_("reden"), max_length=500, blank=True)
    sent_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("doorgestuurde kennisvraag")
        verbose_name_plural = _("doorgestuurde kennisvragen")
        constraints = [
            models.UniqueConstraint(
                fields=["question", "colleague"], name="one_forward_per_colleague"
            )
        ]

    def __str__(self):
        return f"{self.question} → {self.colleague.title}"
