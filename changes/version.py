"""Read and renew the content version (changes.models.ContentVersion)."""

import uuid

from django.db import IntegrityError, transaction

from changes.models import ContentVersion

ROW = 1


def current_version():
    """The token of the content as this process can see it now ("" before the first change)."""
    return ContentVersion.objects.filter(pk=ROW).values_list("token", flat=True).first() or ""


def new_version():
    """Write a new token, in the caller's transaction: readers see it together with the data."""
    token = uuid.uuid4().hex
    if ContentVersion.objects.filter(pk=ROW).update(token=token):
        return token
    try:  # a flushed test database has lost the row the migration created
        with transaction.atomic():
            ContentVersion.objects.create(pk=ROW, token=token)
    except IntegrityError:  # another process created it just now
        ContentVersion.objects.filter(pk=ROW).update(token=token)
    return token
