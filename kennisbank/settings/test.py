"""Tests: fast hashing, in-memory e-mail, SQLite unless DATABASE_URL says otherwise."""

import os

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Uploads per xdist worker: a test that deletes or replaces a file (Wagtail removes a document's
# file when its row goes) never takes one from under the other worker's live server.
MEDIA_ROOT = VAR_DIR / "test-media" / os.environ.get("PYTEST_XDIST_WORKER", "main")  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WAGTAILADMIN_BASE_URL = "http://testserver"
PUBLICATION_TEXT_EXTRACTION = "inline"  # the text is there as soon as a test has uploaded a file
PAGE_CACHE_SERVER_SIDE = False  # the cache outlives each test's rolled-back data; tests turn it on
PAGE_FRAGMENT_SECONDS = 0  # likewise for page fragments
SEARCH_VOCABULARY_MIN_AGE = 0  # tests search right after publishing; rebuild the vocabulary at once
# Search by meaning is off, so every other test sees lexical search; tests/search/semantic turn it
# on (and build the embeddings) where they test it.
SEARCH_EMBEDDING_MODEL = ""
