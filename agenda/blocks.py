"""StreamField blocks of an activity's programme."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class ProgrammeItemBlock(blocks.StructBlock):
    time = blocks.CharBlock(
        label=_("tijd"), max_length=20, required=False, help_text=_("Bijvoorbeeld 13.30 uur.")
    )
    title = blocks.CharBlock(label=_("onderdeel"), max_length=200)
    description = blocks.TextBlock(label=_("toelichting"), required=False)

    class Meta:
        icon = "time"
        label = _("Programmaonderdeel")
        template = "agenda/blocks/programme_item.html"


class ProgrammeBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Tekst"), features=["bold", "italic", "link", "ol", "ul"]
    )
    item = ProgrammeItemBlock()
