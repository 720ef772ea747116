"""A tiny HTTP proxy in front of the search engine that can be told to misbehave: pass requests on,
answer slowly, answer with server errors, or drop connections. Listens on 127.0.0.1 only.

It also rewrites the `application/vnd.elasticsearch+json; compatible-with=9` media type the stock
client sends to plain JSON, because osmem-server (the local stand-in engine) refuses it.
"""

import http.client
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

MODES = ("pass", "slow", "error", "drop")
VENDOR_TYPE = re.compile(
    r"application/vnd\.elasticsearch\+(json|x-ndjson)\s*;\s*compatible-with=\d+"
)
SKIPPED_HEADERS = {"connection", "keep-alive", "transfer-encoding", "host", "content-length"}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass

    def handle_one(self):
        proxy = self.server.proxy
        proxy.count(self.server.proxy.mode)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        mode = proxy.mode
        if mode == "drop":
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return
        if mode == "error":
            payload = b'{"error":{"type":"search_phase_execution_exception"},"status":503}'
            self.send_response(503)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
            return
        if mode == "slow":
            time.sleep(proxy.delay)
        headers = {
            name: VENDOR_TYPE.sub(lambda m: f"application/{m.group(1)}", value)
            for name, value in self.headers.items()
            if name.lower() not in SKIPPED_HEADERS
        }
        upstream = http.client.HTTPConnection(proxy.upstream_host, proxy.upstream_port, timeout=30)
        try:
            upstream.request(self.command, self.path, body=body, headers=headers)
            response = upstream.getresponse()
            payload = response.read()
        except OSError:
            self.close_connection = True  # the engine is gone: so is this connection
            return
        finally:
            upstream.close()
        self.send_response(response.status, response.reason)
        for name, value in response.getheaders():
            if name.lower() not in SKIPPED_HEADERS:
                self.send_header(name, value)
        # The stock client insists on talking to Elasticsearch; osmem does not say it is one.
        if not response.getheader("X-Elastic-Product"):
            self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = handle_one


class FaultyProxy:
    """`proxy.url` is what the site uses as ELASTICSEARCH_URL; set `proxy.mode` to misbehave."""

    def __init__(self, upstream_url, delay=3.0):
        parts = urlsplit(upstream_url)
        self.upstream_host, self.upstream_port = parts.hostname, parts.port
        self.mode = "pass"
        self.delay = delay
        self.requests = dict.fromkeys(MODES, 0)
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        self.server.proxy = self
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    def count(self, mode):
        with self._lock:
            self.requests[mode] += 1

    def retarget(self, upstream_url):
        parts = urlsplit(upstream_url)
        self.upstream_host, self.upstream_port = parts.hostname, parts.port

    def close(self):
        self.server.shutdown()
        self.server.server_close()
