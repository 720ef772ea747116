"""StreamField blocks for the sections of a practice story (Aanleiding, Aanpak, Resultaat, Geleerde lessen)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("citaat"))
    attribution = blocks.CharBlock(label=_("wie zei het"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Citaat")
        template = "blocks/quote_block.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("afbeelding"))
    alt_text = blocks.CharBlock(
        label=_("alternatieve tekst"),
        max_length=250,
        help_text=_("Beschrijf wat er op de afbeelding te zien is, voor wie haar niet kan zien."),
    )
    caption = blocks.CharBlock(label=_("bijschrift"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Afbeelding")
        template = "blocks/image_block.html"


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label=_("getal"), max_length=30, help_text=_("Bijvoorbeeld 40% of 12"))
    label = blocks.CharBlock(label=_("toelichting"), max_length=150)

    class Meta:
        icon = "order"
        label = _("Kerncijfer")
        template = "blocks/key_figure_block.html"


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("video-adres"))
    title = blocks.CharBlock(
        label=_("titel"),
        max_length=200,
        help_text=_("Waar gaat de video over? (voor schermlezers)"),
    )
    transcript = blocks.TextBlock(label=_("uitgeschreven tekst"), required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("linktekst"), required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "blocks/document_link_block.html"


class SectionBlock(blocks.StreamBlock):
    """What one section of a practice story may hold."""

    paragraph = blocks.RichTextBlock(
        label=_("Tekst"), features=RICH_TEXT_FEATURES, template="blocks/paragraph_block.html"
    )
    quote = QuoteBlock()
    image = ImageBlock()
    key_figures = blocks.ListBlock(
        KeyFigureBlock(), label=_("Kerncijfers"), template="blocks/key_figures_block.html"
    )
    video = VideoBlock()
    document = DocumentLinkBlock()

    class Meta:
        required = False


class ReflectionQuestionsBlock(blocks.StreamBlock):
    question = blocks.CharBlock(label=_("Vraag"), max_length=300)

    class Meta:
        required = False


def validate_not_blank(value):
    if not str(value).strip():
        raise ValidationError(_("Dit veld mag niet leeg zijn."))
