"""Computing and storing page embeddings: after a publish or import (the "content changed" signal),
in the background task worker, never in the request; `build_embeddings` (re)builds them all.

What is embedded comes from the page's document type (search.registry.DocumentType.embedding_texts):
one text for the page itself, and for a publication one per page of its files. A text that did not
change since its vector was made (same model, same hash) is not encoded again. Every configured
model (search.semantic.encoder: the first and a second, if any) gets its own vectors.
"""

import hashlib
import logging

import numpy as np
from django.db import transaction
from django_tasks import task
from wagtail.models import Page

from changes.announce import version_has_changed
from changes.signals import content_changed
from search import registry
from search.semantic.encoder import encoders, model_name
from search.semantic.models import PageEmbedding

logger = logging.getLogger(__name__)

BATCH = 64  # texts encoded at once
MAX_CHARS = 2000  # longer texts add little meaning and cost time; the start says most


def default_texts(page, document):
    """Title, summary and body of a page's search document, as one text."""
    return [" ".join([document.title + ".", document.summary, *document.passages])]


def texts_of(page):
    """The texts to embed for a page (first: the page itself), or [] when search does not find it."""
    document_type = registry.type_of(page)
    if document_type is None:
        return []
    if document_type.embedding_texts is not None:
        texts = document_type.embedding_texts(page)
    else:
        texts = default_texts(page, document_type.document(page))
    return [" ".join(text.split())[:MAX_CHARS] for text in texts if text and text.strip()]


def _hash(name, text):
    return hashlib.sha256(f"{name}\n{text}".encode()).hexdigest()


def embed_pages(page_ids):
    """Embed the live pages among `page_ids` whose text changed, with every configured model;
    returns how many vectors were made."""
    models = encoders()
    if not models or not page_ids:
        return 0
    pages = Page.objects.live().filter(id__in=list(page_ids)).specific().select_related("locale")
    texts = [(page, texts_of(page)) for page in pages]
    return sum(_embed_with(encoder, texts) for encoder in models)


def _embed_with(encoder, page_texts):
    name = encoder.name
    ids = [page.id for page, _texts in page_texts]
    stored = {
        (row.page_id, row.part): row
        for row in PageEmbedding.objects.filter(page_id__in=ids, model_name=name).only(
            "id", "page_id", "part", "content_hash"
        )
    }
    wanted, keep = [], set()  # (page, part, language, text, hash); ids of rows still right
    for page, texts in page_texts:
        for part, text in enumerate(texts):
            digest = _hash(name, text)
            row = stored.get((page.id, part))
            if row is not None and row.content_hash == digest:
                keep.add(row.id)
                continue
            wanted.append((page, part, page.locale.language_code, text, digest))
    made = 0
    for start in range(0, len(wanted), BATCH):
        chunk = wanted[start : start + BATCH]
        vectors = encoder.passages([item[3] for item in chunk])
        with transaction.atomic():
            for (page, part, language, _text, digest), vector in zip(chunk, vectors, strict=True):
                row, _created = PageEmbedding.objects.update_or_create(
                    page_id=page.id,
                    part=part,
                    model_name=name,
                    defaults={
                        "language": language,
                        "vector": np.asarray(vector, dtype=np.float32).tobytes(),
                        "content_hash": digest,
                    },
                )
                keep.add(row.id)
                made += 1
            version_has_changed()  # every process reloads its matrix (search.semantic.matrix)
    # Parts a page no longer has (a file removed from a publication).
    stale = PageEmbedding.objects.filter(page_id__in=ids, model_name=name)
    if stale.exclude(id__in=keep).delete()[0]:
        with transaction.atomic():
            version_has_changed()
    return made


def build_embeddings(missing_only=False, chunk=500, progress=None):
    """(Re)build the embeddings of every live page search finds; returns how many vectors were made."""
    models = encoders()
    if not models:
        return 0
    ids = list(
        Page.objects.live().type(*registry.models()).order_by("id").values_list("id", flat=True)
    )
    if missing_only:
        # Pages that lack a vector of any configured model (one added later has none yet).
        done = None
        for encoder in models:
            having = set(
                PageEmbedding.objects.filter(model_name=encoder.name, part=0).values_list(
                    "page_id", flat=True
                )
            )
            done = having if done is None else done & having
        ids = [pk for pk in ids if pk not in done]
    made = 0
    for start in range(0, len(ids), chunk):
        made += embed_pages(ids[start : start + chunk])
        if progress is not None:
            progress(min(start + chunk, len(ids)), len(ids))
    return made


@task()
def embed_pages_task(page_ids):
    """Embed pages in the background worker (enqueued after a publish or import)."""
    return {"vectors": embed_pages(page_ids)}


def _enqueue(ids):
    try:
        embed_pages_task.enqueue(ids)
    except Exception:  # the queue failing must not break publishing; build_embeddings catches up
        logger.exception("Could not queue embeddings for %d pages", len(ids))


EMBEDDED_REASONS = {"publish", "import", "move"}


def on_content_changed(sender, pages=(), reason="", **kwargs):
    if reason in EMBEDDED_REASONS and pages:
        enqueue_pages([page for page in pages if getattr(page, "pk", None)])


def enqueue_pages(pages):
    """Queue the embeddings of the searchable ones among `pages` (after commit)."""
    if not model_name():
        return
    models = set(registry.models())
    ids = sorted({page.pk for page in pages if getattr(page, "specific_class", None) in models})
    if ids:
        _enqueue(ids)


def connect():
    content_changed.connect(on_content_changed, dispatch_uid="semantic_embed_on_change")
