"""Background tasks of practices, run by a django-tasks worker when one is configured."""

from django.db import transaction
from django_tasks import task
from wagtail.models import ReferenceIndex

BATCH = 200


@task()
def update_reference_index_for_practices(page_ids: list[int]):
    """Wagtail's reference index ("usage" of themes, places, images) for imported pages.

    A page saved one at a time gets this from Wagtail's own post_save task, once per save; the
    import holds that task back (practices/importing/deferred.py) and queues this one per chunk.
    """
    from practices.models import PracticePage

    for start in range(0, len(page_ids), BATCH):
        with transaction.atomic():  # as Wagtail's own task, which this one stands in for
            for page in PracticePage.objects.filter(id__in=page_ids[start : start + BATCH]):
                ReferenceIndex.create_or_update_for_object(page)
    return len(page_ids)
