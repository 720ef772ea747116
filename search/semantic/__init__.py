"""Search by meaning: page embeddings made in the background (store), an in-process matrix per
language (matrix), hybrid ranking in the search pipeline (hybrid), and similar pages (similar).

Public functions for other apps:

    similar_to_text(text, language="nl", types=("praktijkvoorbeeld",), limit=5, exclude=())
    similar_to_page(page, limit=4, types=None)
    is_enabled()
    embed_soon(pages)  # after changing what a page embeds outside a publish (extracted text)
"""


def is_enabled():
    """Whether search by meaning is on and its model can be loaded."""
    from search.semantic.encoder import get_encoder

    return get_encoder() is not None


def similar_to_text(text, language="nl", types=None, limit=5, exclude=()):
    from search.semantic.similar import similar_to_text as find

    return find(text, language=language, types=types, limit=limit, exclude=exclude)


def similar_to_page(page, limit=4, types=None):
    from search.semantic.similar import similar_to_page as find

    return find(page, limit=limit, types=types)


def embed_soon(pages):
    """Queue the embeddings of these pages for the background worker (after commit)."""
    from django.db import transaction

    from search.semantic.store import enqueue_pages

    pages = list(pages)
    transaction.on_commit(lambda: enqueue_pages(pages))
