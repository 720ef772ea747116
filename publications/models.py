"""Publications: reports and guides with downloadable files, their publishers, extracted text and counters."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from practices.models.term_links import ProfessionalGroupLink, ThemeLink, TranslatableLink
from publications.file_checks import FILE_TYPES, PUBLICATION_TYPES
from search.documents import SearchDocumentMixin, searchable_fields
from search.filter_fields import ENGINE_FILTER_FIELDS, EngineFilterMixin


class Publisher(index.Indexed, models.Model):
    """An organisation that publishes: VNG, A&O fonds gemeenten, a municipality, a ministry.

    Not translatable: a publisher's name is a proper name and the same in every language, so
    both language versions of a publication point at the same publisher and filter alike.
    """

    name = models.CharField(_("naam"), max_length=200, unique=True)
    short_name = models.CharField(
        _("korte naam"), max_length=50, blank=True, help_text=_("Bijvoorbeeld ‘VNG’.")
    )
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, help_text=_("Gebruikt in filters, bijv. ‘vng’.")
    )
    website = models.URLField(_("website"), blank=True)
    municipality = models.ForeignKey(
        "practices.Municipality",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Alleen als de uitgever een gemeente is."),
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("short_name"), FieldPanel("slug")]),
        FieldPanel("website"),
        FieldPanel("municipality"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("short_name"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        verbose_name = _("uitgever")
        verbose_name_plural = _("uitgevers")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def label(self):
        return self.short_name or self.name


class PublicationIndexPage(Page):
    """The listing of all publications, with filters; publication pages live beneath it."""

    intro = RichTextField(_("inleiding"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["publications.PublicationPage"]
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("overzicht publicaties")
        verbose_name_plural = _("overzichten publicaties")

    def get_context(self, request, *args, **kwargs):
        from publications.queries import list_publications

        context = super().get_context(request, *args, **kwargs)
        context["listing"] = list_publications(self, request.GET)
        return context


class PublicationPage(SearchDocumentMixin, EngineFilterMixin, RoutablePageMixin, Page):
    """A report or guide: who published it when, what it is about, its files and the practices it discusses."""

    publication_date = models.DateField(
        _("publicatiedatum"), help_text=_("Wanneer verscheen de publicatie? Een maand is genoeg.")
    )
    authors = models.CharField(
        _("auteurs"),
        max_length=500,
        blank=True,
        help_text=_("Namen, gescheiden door komma's."),
    )
    summary = models.TextField(
        _("samenvatting"),
        max_length=800,
        validators=[MaxLengthValidator(800)],
        help_text=_("Waar gaat de publicatie over, in gewone taal; hoogstens 800 tekens."),
    )
    body = RichTextField(
        _("toelichting"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
        help_text=_("Optioneel: inhoudsopgave, belangrijkste tips of leeswijzer."),
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("omslag"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_image_alt = models.CharField(
        _("alternatieve tekst omslag"),
        max_length=250,
        blank=True,
        help_text=_("Verplicht als er een omslag is: beschrijf wat erop te zien is."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("publication_date"),
        InlinePanel("publication_publishers", label=_("Uitgevers"), min_num=1),
        FieldPanel("authors"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("cover_image"), FieldPanel("cover_image_alt")], heading=_("Omslag")
        ),
        InlinePanel(
            "files",
            label=_("Bestanden"),
            min_num=1,
            help_text=_("PDF, DOCX, ODT, XLSX, ODS, PPTX of ODP. De tekst wordt doorzoekbaar."),
        ),
        MultiFieldPanel(
            [
                InlinePanel("publication_themes", label=_("Thema's")),
                InlinePanel("publication_professional_groups", label=_("Beroepsgroepen")),
            ],
            heading=_("Indeling"),
        ),
        InlinePanel("discussed_practices", label=_("Besproken praktijkvoorbeelden")),
        FieldPanel("body"),
    ]

    # Analysed text from search.documents (as practices), plus the text of the files, page by page.
    search_fields = searchable_fields(
        Page, extra=[index.FilterField("publication_date"), *ENGINE_FILTER_FIELDS]
    )

    parent_page_types = ["publications.PublicationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("publicatie")
        verbose_name_plural = _("publicaties")

    def clean(self):
        super().clean()
        errors = {}
        if self.cover_image_id and not self.cover_image_alt.strip():
            errors["cover_image_alt"] = _("Geef een alternatieve tekst voor de omslag.")
        # The site accepts a few more document types (CSV, TXT) than a publication may offer.
        wrong = [
            item.document.filename
            for item in self.files.all()
            if item.document_id and item.document.file_extension.lower() not in PUBLICATION_TYPES
        ]
        if wrong:
            errors["title"] = _(
                "Een publicatie biedt alleen PDF, DOCX, ODT, XLSX, ODS, PPTX of ODP aan; "
                "kies een ander bestand dan %(names)s."
            ) % {"names": ", ".join(wrong)}
        if errors:
            raise ValidationError(errors)

    # Terms and publishers in the page's own language, ordered as the editor placed them.
    @property
    def themes(self):
        return [item.theme for item in self.publication_themes.all()]

    @property
    def professional_groups(self):
        return [item.professional_group for item in self.publication_professional_groups.all()]

    @property
    def publishers(self):
        return [item.publisher for item in self.publication_publishers.all()]

    @property
    def practices(self):
        """The practices this publication discusses that readers can open."""
        return [
            item.practice
            for item in self.discussed_practices.select_related("practice")
            if item.practice.live
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        parent = self.get_parent()
        context["index_url"] = parent.url if parent else ""
        return context

    # Facet values in search (practices.search.term_facet_values): a publisher that is a
    # municipality places the publication there; publications have no learning forms.
    @property
    def municipalities(self):
        return [p.municipality for p in self.publishers if p.municipality_id]

    @property
    def learning_forms(self):
        return []

    def search_body_text(self):
        """The analysed page, then the tokens of its files (analysed once, when their text was read)."""
        from publications.searching import file_tokens

        return f"{super().search_body_text()} {' '.join(file_tokens(self))}"

    @path("download/<int:document_id>/", name="download")
    def download(self, request, document_id):
        from publications.downloads import serve_publication_file

        return serve_publication_file(request, self, document_id)

    def download_url(self, document_id):
        return self.url + self.reverse_subpage("download", args=[document_id])


class PublicationLink(TranslatableLink):
    """A translatable child of a publication, so a translated page points at translated terms and
    pages (see practices.models.term_links)."""

    class Meta(TranslatableLink.Meta):
        abstract = True


class PublicationPublisher(PublicationLink):
    page = ParentalKey(
        PublicationPage, on_delete=models.CASCADE, related_name="publication_publishers"
    )
    publisher = models.ForeignKey(
        Publisher, verbose_name=_("uitgever"), on_delete=models.CASCADE, related_name="+"
    )
    panels = [FieldPanel("publisher")]

    class Meta(PublicationLink.Meta):
        verbose_name = _("uitgever")
        unique_together = [("translation_key", "locale")]


class PublicationTheme(ThemeLink):
    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="publication_themes")


class PublicationProfessionalGroup(ProfessionalGroupLink):
    page = ParentalKey(
        PublicationPage, on_delete=models.CASCADE, related_name="publication_professional_groups"
    )


class PublicationFile(PublicationLink):
    """A downloadable file of a publication; its address stays the same when the file is replaced."""

    page = ParentalKey(PublicationPage, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_(
            "Een nieuwe versie? Vervang het bestand bij het document zelf: de downloadlink blijft gelijk."
        ),
    )
    title = models.CharField(
        _("linktekst"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld ‘Volledig rapport’. Leeg: de titel van het document."),
    )
    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(PublicationLink.Meta):
        verbose_name = _("bestand")
        verbose_name_plural = _("bestanden")
        unique_together = [("translation_key", "locale")]

    @property
    def label(self):
        return self.title or self.document.title

    @property
    def extension(self):
        return self.document.file_extension.lower()

    @property
    def type_label(self):
        return self.extension.upper()

    @property
    def mime_type(self):
        file_type = FILE_TYPES.get(self.extension)
        return file_type.mime_type if file_type else "application/octet-stream"

    @property
    def size(self):
        try:
            return self.document.get_file_size()
        except OSError:
            return None

    @property
    def url(self):
        return self.page.download_url(self.document_id)

    @property
    def page_count(self):
        record = DocumentText.objects.filter(
            document_id=self.document_id, status=DocumentText.Status.DONE
        ).first()
        return record.page_count if record else None


class PublicationPractice(PublicationLink):
    page = ParentalKey(
        PublicationPage, on_delete=models.CASCADE, related_name="discussed_practices"
    )
    practice = models.ForeignKey(
        "practices.PracticePage",
        verbose_name=_("praktijkvoorbeeld"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    panels = [FieldPanel("practice")]

    class Meta(PublicationLink.Meta):
        verbose_name = _("besproken praktijkvoorbeeld")
        verbose_name_plural = _("besproken praktijkvoorbeelden")
        unique_together = [("translation_key", "locale")]


class DocumentText(models.Model):
    """The text of a document, page by page, as extracted from the file it had at `file_hash`."""

    class Status(models.TextChoices):
        PENDING = "pending", _("wacht op verwerking")
        DONE = "done", _("tekst gelezen")
        UNSUPPORTED = "unsupported", _("geen tekst te lezen uit dit bestandstype")
        FAILED = "failed", _("mislukt")

    document = models.OneToOneField(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="extracted_text",
    )
    file_hash = models.CharField(_("hash van het bestand"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    pages = models.JSONField(_("tekst per pagina"), default=list, blank=True)
    # Per language, the search tokens of each page (search.analysis), so a search never re-analyses.
    tokens = models.JSONField(_("zoektermen per pagina"), default=dict, blank=True)
    error = models.TextField(_("foutmelding"), blank=True)
    updated_at = models.DateTimeField(_("bijgewerkt"), auto_now=True)

    class Meta:
        verbose_name = _("tekst van een document")
        verbose_name_plural = _("teksten van documenten")

    def __str__(self):
        return f"{self.document} ({self.get_status_display()})"

    @property
    def page_count(self):
        return len(self.pages)

    def tokens_for(self, language):
        """The search tokens of each page in `language`, analysed now (and kept) if not yet done."""
        tokens = self.tokens.get(language)
        if tokens is None or len(tokens) != len(self.pages):
            from publications.searching import page_tokens

            tokens = page_tokens(self.pages, language)
            self.tokens = {**self.tokens, language: tokens}
            if self.pk:
                DocumentText.objects.filter(pk=self.pk).update(tokens=self.tokens)
        return tokens


class DownloadCount(models.Model):
    """How often a file was downloaded. Only a number: no address, cookie or time of a visitor."""

    document = models.OneToOneField(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="download_count",
    )
    count = models.PositiveBigIntegerField(_("aantal downloads"), default=0)

    class Meta:
        verbose_name = _("aantal downloads")
        verbose_name_plural = _("aantallen downloads")

    def __str__(self):
        return f"{self.document}: {self.count}"
