"""Background tasks of practices, run by a django-tasks worker when one is configured."""

from django_tasks import task
from wagtail.models import ReferenceIndex

BATCH = 200


@task()
def update_reference_index_for_practices(page_ids: list[int]):
    """Wagtail's reference index ("usage" of themes, places, images) for pages created in bulk.

    A page saved one at a time gets this from Wagtail's own post_save task; bulk-created pages
    send no signals, so the import queues this one task for all of them.
    """
    from practices.models import PracticePage

    for start in range(0, len(page_ids), BATCH):
        for page in PracticePage.objects.filter(id__in=page_ids[start : start + BATCH]):
            ReferenceIndex.create_or_update_for_object(page)
    return len(page_ids)
