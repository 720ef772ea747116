"""Keep translated terms as they are when wagtail-localize translates a practice that uses them.

Submitting a page for translation also "translates" the terms it links to (wagtail-localize's
related objects) and writes the target term from its translation memory, falling back to the Dutch
source strings. An English term made outside wagtail-localize (the seed, the snippet admin) would
then be renamed to its Dutch name. Storing each translated term's own strings in that memory makes
the sync write back exactly what the term already says.
"""

from django.db.models.signals import post_save
from wagtail.models import Locale

TERM_FIELDS = ("name", "slug", "description")


def remember_term_translation(term):
    """Record `term` (not in the default language) as the translation of its default-language term."""
    from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

    default = Locale.get_default()
    if term.locale_id == default.id:
        return
    source_term = term.get_translation_or_none(default)
    if source_term is None:
        return
    source, _created = TranslationSource.update_or_create_from_instance(source_term)
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        field = segment.context.path.split(".")[0]
        value = getattr(term, field, None) if field in TERM_FIELDS else None
        if not value:
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale_id=term.locale_id,
            context=segment.context,
            defaults={"data": value, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
        )


def remember_all_term_translations():
    from practices.models import LearningForm, ProfessionalGroup, Theme

    default = Locale.get_default()
    for model in (Theme, ProfessionalGroup, LearningForm):
        for term in model.objects.exclude(locale=default):
            remember_term_translation(term)


def term_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        remember_term_translation(instance)


def connect():
    from practices.models import LearningForm, ProfessionalGroup, Theme

    for model in (Theme, ProfessionalGroup, LearningForm):
        post_save.connect(term_saved, sender=model, dispatch_uid=f"remember-{model.__name__}")
