"""Starts text extraction when a document is uploaded or its file is replaced."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model

from publications.extraction import EXTRACTORS, needs_extraction, schedule_extraction


@receiver(post_save, sender=get_document_model(), dispatch_uid="publications_extract_text")
def extract_text_of_saved_document(sender, instance, raw=False, **kwargs):
    if raw or instance.file_extension.lower() not in EXTRACTORS:
        return
    # Saving only the title (or the file size Wagtail fills in later) must not re-read the file.
    update_fields = kwargs.get("update_fields")
    if update_fields and "file" not in update_fields and "file_hash" not in update_fields:
        return
    if needs_extraction(instance):
        schedule_extraction(instance.pk)
