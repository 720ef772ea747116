"""Background tasks of practices, run by a django-tasks worker when one is configured."""

from django.db import transaction
from django_tasks import task
from modelcluster.models import get_all_child_relations
from wagtail.models import ReferenceIndex

BATCH = 200


@task()
def update_reference_index_for_practices(page_ids: list[int]):
    """Wagtail's reference index ("usage" of themes, places, images) for imported pages.

    A page saved one at a time gets this from Wagtail's own post_save task, once per save; the
    import holds that task back (practices/importing/deferred.py) and queues this one per chunk.
    """
    from practices.models import PracticePage

    # The index reads every inline row of every page: fetched per batch, not per page and relation.
    relations = [relation.get_accessor_name() for relation in get_all_child_relations(PracticePage)]
    for start in range(0, len(page_ids), BATCH):
        with transaction.atomic():  # as Wagtail's own task, which this one stands in for
            pages = PracticePage.objects.filter(id__in=page_ids[start : start + BATCH])
            for page in pages.prefetch_related(*relations):
                ReferenceIndex.create_or_update_for_object(page)
    return len(page_ids)
