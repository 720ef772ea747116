"""pytest-django's `LiveServer` (a thread serving the test database), answering without Nagle's delay.

Django's test server writes a response's headers and body in separate writes. On a kept-alive
connection, as browsers and HTTP clients use, the body then waits for the client's delayed ACK:
40 ms on every request, which made the browser, crawl and contract tests wait more than work.
"""

import socket

from django.core.servers.basehttp import ThreadedWSGIServer
from pytest_django.live_server_helper import LiveServer


class NoDelayWSGIServer(ThreadedWSGIServer):
    def finish_request(self, request, client_address):
        request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().finish_request(request, client_address)


def start_live_server(host="127.0.0.1"):
    """A started live server at a free port of `host`; `.url` is its address, `.stop()` ends it."""
    server = LiveServer(host, start=False)
    server.thread.server_class = NoDelayWSGIServer
    server.start()
    return server
