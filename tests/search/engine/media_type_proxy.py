"""A tiny HTTP proxy for the tests: lets the stock elasticsearch 9 client talk to osmem-server.

osmem answers 406 to the `application/vnd.elasticsearch+json; compatible-with=9` media type the
client always sends; the proxy rewrites it to plain JSON. Production talks to a real cluster directly.
"""

import http.client
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

VENDOR_MEDIA_TYPE = re.compile(
    r"application/vnd\.elasticsearch\+(json|x-ndjson)\s*;\s*compatible-with=\d+"
)
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade"}


def plain_media_type(value):
    return VENDOR_MEDIA_TYPE.sub(lambda match: f"application/{match.group(1)}", value)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: without TCP_NODELAY the body waits for the client's
    # delayed ACK, 40 ms on every request to the engine.
    disable_nagle_algorithm = True

    def log_message(self, format, *args):  # keep test output quiet
        pass

    def _forward(self):
        self.server.request_count += 1
        if self.server.delay:
            time.sleep(self.server.delay)  # a slow cluster, for timeout tests
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {
            name: plain_media_type(value)
            for name, value in self.headers.items()
            if name.lower() not in HOP_BY_HOP and name.lower() != "host"
        }
        upstream = http.client.HTTPConnection(
            self.server.upstream_host, self.server.upstream_port, timeout=30
        )
        try:
            upstream.request(self.command, self.path, body=body, headers=headers)
            response = upstream.getresponse()
            payload = response.read()
        except OSError:
            # The engine is gone: drop the connection, as a dead cluster node would.
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        finally:
            upstream.close()
        self.send_response(response.status, response.reason)
        for name, value in response.getheaders():
            if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _forward


class MediaTypeProxy:
    """Serves on a free local port and forwards to `upstream_url`; `url` is what the client uses."""

    def __init__(self, upstream_url):
        parts = urlsplit(upstream_url)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        self.server.request_count = 0
        self.server.delay = 0.0
        self.server.upstream_host = parts.hostname
        self.server.upstream_port = parts.port
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    @property
    def request_count(self):
        return self.server.request_count

    def slow_down(self, seconds):
        self.server.delay = seconds

    def retarget(self, upstream_url):
        parts = urlsplit(upstream_url)
        self.server.upstream_host = parts.hostname
        self.server.upstream_port = parts.port

    def close(self):
        self.server.shutdown()
        self.server.server_close()
