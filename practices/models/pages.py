"""The practice index and the practice page: one structured case story per page."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_relations
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from caching.public_pages import view_restrictions
from practices.blocks import ReflectionQuestionsBlock, SectionBlock
from practices.forms import PracticePageForm
from practices.models.term_links import LearningFormLink, ProfessionalGroupLink, ThemeLink
from search.documents import SearchDocumentMixin, searchable_fields
from search.filter_fields import ENGINE_FILTER_FIELDS, EngineFilterMixin

SECTION_FIELDS = ("situation", "approach", "results", "lessons")

# Set while revisions just saved are published: see `fresh_revisions`.
_fresh_revisions = ContextVar("practices_fresh_revisions", default=None)
ROWS_SAVED = "rows saved"


@contextmanager
def fresh_revisions(rows_saved=False):
    """Publish revisions the importer saved a moment ago without checking them all over again.

    Publishing turns the revision back into a page (`Revision.as_object`), and modelcluster then
    looks up every term, municipality and parent of every inline row, in case an old revision
    points at something deleted since; saving the live page then runs `full_clean`, which
    validates every field and looks up every foreign key once more: together some thirty queries
    per practice. A revision saved in the same transaction, from rows the importer validated
    (validate.py, the same rules as `clean` and the field limits) and terms it has just looked
    up, can fail neither; the importer publishes those inside this block. Everything else
    (the admin, restoring or re-publishing an older revision) is checked as always.

    `rows_saved`: the revision's inline rows are the very rows in the database (a page just added
    with them, and its first revision made from them). The published page then leaves them out,
    so saving it does not read back and rewrite every row it would write unchanged (modelcluster
    saves each row on its own, with a query per relation to find the ones to delete).
    """
    token = _fresh_revisions.set(ROWS_SAVED if rows_saved else "checked")
    try:
        yield
    finally:
        _fresh_revisions.reset(token)


class PracticeIndexPage(Page):
    """The listing of all practice examples; practice pages live beneath it."""

    intro = RichTextField(_("inleiding"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["practices.PracticePage"]
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("overzicht praktijkvoorbeelden")
        verbose_name_plural = _("overzichten praktijkvoorbeelden")


class PracticeTag(TaggedItemBase):
    content_object = ParentalKey(
        "practices.PracticePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


STORY_RULE = _("Een van de vier onderdelen van het verhaal: vul er minstens één in.")


class PracticePage(SearchDocumentMixin, EngineFilterMixin, Page):
    """A case story: where it happened, what it is about, and what others can learn from it."""

    summary = models.TextField(
        _("samenvatting"),
        max_length=500,
        validators=[MaxLengthValidator(500)],
        help_text=_(
            "Korte samenvatting in gewone taal, hoogstens 500 tekens. Verschijnt in zoekresultaten."
        ),
    )
    practice_date = models.DateField(
        _("datum van de praktijk"), help_text=_("Wanneer speelde dit? Een benadering is goed.")
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hoofdafbeelding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField(
        _("alternatieve tekst hoofdafbeelding"),
        max_length=250,
        blank=True,
        help_text=_("Verplicht als er een hoofdafbeelding is: beschrijf wat erop te zien is."),
    )
    municipality = models.ForeignKey(
        "practices.Municipality",
        verbose_name=_("gemeente"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="practices",
        help_text=_(
            "De gemeente waar dit speelde. Laat leeg bij een regionaal samenwerkingsverband."
        ),
    )
    organisation = models.CharField(
        _("samenwerkingsverband of organisatie"),
        max_length=200,
        blank=True,
        help_text=_(
            "Bijvoorbeeld een regionaal samenwerkingsverband; vul dan ook de betrokken gemeenten in."
        ),
    )
    situation = StreamField(SectionBlock(), verbose_name=_("Aanleiding"), blank=True)
    approach = StreamField(SectionBlock(), verbose_name=_("Aanpak"), blank=True)
    results = StreamField(SectionBlock(), verbose_name=_("Resultaat"), blank=True)
    lessons = StreamField(
        SectionBlock(),
        verbose_name=_("Geleerde lessen"),
        blank=True,
        help_text=_("Ook wat niet werkte: daar leren collega's het meest van."),
    )
    reflection_questions = StreamField(
        ReflectionQuestionsBlock(),
        verbose_name=_("Reflectievragen"),
        blank=True,
        help_text=_("Vragen die een team kan gebruiken bij intervisie."),
    )
    contact_name = models.CharField(_("naam contactpersoon"), max_length=200, blank=True)
    contact_role = models.CharField(_("functie contactpersoon"), max_length=200, blank=True)
    contact_email = models.EmailField(
        _("e-mail contactpersoon"),
        blank=True,
        help_text=_("Wordt nooit als platte tekst op de pagina getoond."),
    )
    review_date = models.DateField(
        _("herzien vóór"),
        null=True,
        blank=True,
        help_text=_(
            "Na deze datum verschijnt het voorbeeld bij de redactie als 'toe aan een update'."
        ),
    )
    external_id = models.CharField(
        _("externe id"),
        max_length=100,
        blank=True,
        db_index=True,
        help_text=_("Sleutel uit een importbestand; opnieuw importeren werkt deze pagina bij."),
    )
    tags = ClusterTaggableManager(through=PracticeTag, blank=True, verbose_name=_("trefwoorden"))

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("practice_date"), FieldPanel("review_date")]),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading=_("Hoofdafbeelding")
        ),
        MultiFieldPanel(
            [
                FieldPanel("municipality"),
                FieldPanel("organisation"),
                InlinePanel("involved_municipalities", label=_("Betrokken gemeenten")),
            ],
            heading=_("Waar"),
        ),
        MultiFieldPanel(
            [
                InlinePanel("practice_themes", label=_("Thema's"), min_num=1),
                InlinePanel("practice_professional_groups", label=_("Beroepsgroepen")),
                InlinePanel("practice_learning_forms", label=_("Werkvormen")),
                FieldPanel("tags"),
            ],
            heading=_("Indeling"),
        ),
        # The rule the model's clean() checks, said up front rather than after saving.
        MultiFieldPanel(
            [
                FieldPanel("situation", help_text=STORY_RULE),
                FieldPanel("approach", help_text=STORY_RULE),
                FieldPanel("results", help_text=STORY_RULE),
                FieldPanel("lessons", help_text=STORY_RULE),
            ],
            heading=_("Het verhaal (minstens één onderdeel)"),
            help_text=_(
                "Vul minstens één van de onderdelen Aanleiding, Aanpak, Resultaat of Geleerde lessen "
                "in; de andere mogen leeg blijven."
            ),
        ),
        FieldPanel("reflection_questions"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_role"), FieldPanel("contact_email")],
            heading=_("Contactpersoon"),
        ),
        InlinePanel("attachments", label=_("Bijlagen")),
        InlinePanel("related_practices", label=_("Gerelateerde praktijkvoorbeelden")),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("external_id")]

    # Analysed Dutch text from search.documents (built by practices.search); the title part is
    # weighted above the body.
    search_fields = searchable_fields(
        Page,
        extra=[
            index.FilterField("practice_date"),
            index.FilterField("municipality"),
            *ENGINE_FILTER_FIELDS,  # visibility and date for the Elasticsearch engine
        ],
    )

    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types = []
    base_form_class = PracticePageForm
    # Its head, menus, fact box, body and related practices depend only on the content: kept per
    # content version ({% page_fragment %}, caching/templatetags/page_fragments.py).
    cache_fragments = True

    class Meta:
        verbose_name = _("praktijkvoorbeeld")
        verbose_name_plural = _("praktijkvoorbeelden")

    @classmethod
    def from_serializable_data(cls, data, check_fks=True, strict_fks=False):
        fresh = _fresh_revisions.get()
        if fresh:
            check_fks = False
        if fresh == ROWS_SAVED:
            relations = {relation.get_accessor_name() for relation in get_all_child_relations(cls)}
            data = {key: value for key, value in data.items() if key not in relations}
        return super().from_serializable_data(data, check_fks=check_fks, strict_fks=strict_fks)

    def full_clean(self, *args, **kwargs):
        if _fresh_revisions.get():
            return  # see fresh_revisions
        super().full_clean(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.hero_image_id and not self.hero_image_alt.strip():
            errors["hero_image_alt"] = _("Geef een alternatieve tekst voor de hoofdafbeelding.")
        if len(self.summary or "") > 500:
            errors["summary"] = _(
                "De samenvatting is %(length)d tekens; maak haar hoogstens 500 tekens."
            ) % {"length": len(self.summary)}
        if not (self.summary or "").strip():
            errors["summary"] = _("Schrijf een korte samenvatting.")
        # Involved municipalities and themes are inline rows, checked in PracticePageForm (the
        # admin) and the importer; here only what the page itself holds.
        if not self.municipality_id and not self.organisation.strip():
            errors["municipality"] = _(
                "Kies de gemeente, of vul bij een samenwerkingsverband de naam en de betrokken gemeenten in."
            )
        if not any(getattr(self, name) for name in SECTION_FIELDS):
            errors["situation"] = _(
                "Vul minstens één van de onderdelen Aanleiding, Aanpak, Resultaat of Geleerde lessen in."
            )
        if errors:
            raise ValidationError(errors)

    def get_view_restrictions(self):
        return view_restrictions(self, super().get_view_restrictions)

    # Terms in the page's own language, ordered as the editor placed them.
    @property
    def themes(self):
        return [item.theme for item in self.practice_themes.all()]

    @property
    def professional_groups(self):
        return [item.professional_group for item in self.practice_professional_groups.all()]

    @property
    def learning_forms(self):
        return [item.learning_form for item in self.practice_learning_forms.all()]

    @property
    def municipalities(self):
        """Every municipality this practice belongs to: the main one and those involved."""
        found = [self.municipality] if self.municipality_id else []
        for item in self.involved_municipalities.all():
            if item.municipality not in found:
                found.append(item.municipality)
        return found


class PracticeTheme(ThemeLink):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="practice_themes")


class PracticeProfessionalGroup(ProfessionalGroupLink):
    page = ParentalKey(
        PracticePage, on_delete=models.CASCADE, related_name="practice_professional_groups"
    )


class PracticeLearningForm(LearningFormLink):
    page = ParentalKey(
        PracticePage, on_delete=models.CASCADE, related_name="practice_learning_forms"
    )


class PracticeInvolvedMunicipality(Orderable):
    page = ParentalKey(
        PracticePage, on_delete=models.CASCADE, related_name="involved_municipalities"
    )
    municipality = models.ForeignKey(
        "practices.Municipality",
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    panels = [FieldPanel("municipality")]

    class Meta(Orderable.Meta):
        verbose_name = _("betrokken gemeente")
        verbose_name_plural = _("betrokken gemeenten")


class PracticeAttachment(Orderable):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(
        _("linktekst"), max_length=200, blank=True, help_text=_("Leeg: de titel van het document.")
    )
    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")


class RelatedPractice(Orderable):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="related_practices")
    practice = models.ForeignKey(
        PracticePage,
        verbose_name=_("praktijkvoorbeeld"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    panels = [FieldPanel("practice")]

    class Meta(Orderable.Meta):
        verbose_name = _("gerelateerd praktijkvoorbeeld")
        verbose_name_plural = _("gerelateerde praktijkvoorbeelden")
