"""Publishing, unpublishing, deleting or importing practices tells a configured frontend cache
(Varnish, a CDN) to drop their pages and every page that lists or counts them."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction

from changes.announce import one_change
from tests.factories import make_practice


class PurgeRecorder(BaseHTTPRequestHandler):
    purged = []

    def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
        self.purged.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def varnish(settings):
    """A stand-in purge endpoint on 127.0.0.1 that records which paths were purged."""
    PurgeRecorder.purged = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield PurgeRecorder.purged
    server.shutdown()
    server.server_close()


LISTINGS = (
    "/",
    "/praktijkvoorbeelden/",
    "/zoeken/",
    "/feed/rss/",
    "/feed/atom/",
    "/sitemap.xml",
    "/thema/",
    "/thema/de-bedoeling/",
    "/gemeente/",
    "/gemeente/barneveld/",
    "/provincie/gelderland/",
    "/beroepsgroep/",
    "/beroepsgroep/wmo-consulent/",
)


def test_publishing_a_practice_purges_the_pages_that_list_it(
    varnish, practice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        practice.summary = "Bijgewerkt."
        practice.save_revision().publish()
    assert practice.url in varnish
    for path in LISTINGS:
        assert path in varnish, (path, varnish)


def test_unpublishing_a_practice_purges_the_pages_that_listed_it(
    varnish, practice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        practice.unpublish()
    for path in (practice.url, "/thema/de-bedoeling/", "/zoeken/", "/feed/atom/"):
        assert path in varnish, (path, varnish)


def test_deleting_a_practice_purges_its_address_and_the_overviews(
    varnish, practice, django_capture_on_commit_callbacks
):
    url = practice.url
    with django_capture_on_commit_callbacks(execute=True):
        practice.delete()
    for path in (url, "/", "/praktijkvoorbeelden/", "/zoeken/", "/feed/atom/", "/sitemap.xml"):
        assert path in varnish, (path, varnish)
    # Worked out before the delete, while the practice's links to its terms still existed.
    for path in ("/thema/de-bedoeling/", "/gemeente/barneveld/"):
        assert path in varnish, (path, varnish)


def test_an_import_chunk_purges_each_listing_once(
    varnish, practice_index, places, themes, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        with one_change(reason="import"):
            made = [
                make_practice(
                    practice_index,
                    f"Geïmporteerd voorbeeld {number}",
                    municipality=places["ede"],
                    themes=[themes["youth"]],
                )
                for number in range(3)
            ]
    for page in made:
        assert page.url in varnish
    for path in ("/zoeken/", "/thema/jeugdzorg/", "/gemeente/ede/", "/sitemap.xml"):
        assert varnish.count(path) == 1, (path, varnish)
