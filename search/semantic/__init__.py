"""Search by meaning: page embeddings made in the background (store), an in-process matrix per
language (matrix), hybrid ranking in the search pipeline (hybrid), and similar pages (similar).

Public functions for other apps:

    similar_to_text(text, language="nl", types=("praktijkvoorbeeld",), limit=5, exclude=())
    similar_to_page(page, limit=4, types=None)
    is_enabled()
    embed_soon(pages)  # after changing what a page embeds outside a publish (extracted text)
    warm_up()  # at server start (kennisbank.wsgi): load the model in the background
"""

import logging
import threading

logger = logging.getLogger(__name__)


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


def warm_up():
    """Load the models and each language's matrices in a background thread, so the first visitor's
    search does not wait for them; returns the thread (None when search by meaning is off)."""
    from search.semantic.encoder import model_name

    if not model_name():
        return None
    thread = threading.Thread(target=_warm_up, name="semantic-warm-up", daemon=True)
    thread.start()
    return thread


def _warm_up():
    from django.conf import settings
    from django.db import connection

    from search.semantic.encoder import encoders
    from search.semantic.hybrid import query_vector
    from search.semantic.matrix import matrix_for

    try:
        for encoder in encoders():  # the first model, then the second, if any
            query_vector(encoder, "warm")
            for language, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
                matrix_for(language, encoder.name)
    except Exception:  # a database not reachable yet: the first search loads what is missing
        logger.warning("Search by meaning could not warm up", exc_info=True)
    finally:
        connection.close()
