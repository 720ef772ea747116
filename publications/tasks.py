"""Background tasks of publications, run by a django-tasks worker when one is configured."""

from django_tasks import task

from publications.extraction import extract_document_text


@task()
def extract_document_text_task(document_id: int):
    record = extract_document_text(document_id)
    return record.status if record else None
