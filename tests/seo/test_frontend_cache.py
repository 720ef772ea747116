"""Publishing a practice tells a configured frontend cache (Varnish, a CDN) to drop its listings."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


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


def test_publishing_a_practice_purges_the_pages_that_list_it(
    varnish, practice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        practice.summary = "Bijgewerkt."
        practice.save_revision().publish()
    assert practice.url in varnish
    for path in ("/", "/praktijkvoorbeelden/", "/thema/de-bedoeling/", "/gemeente/barneveld/"):
        assert path in varnish, (path, varnish)
    assert "/feed/atom/" in varnish and "/sitemap.xml" in varnish
