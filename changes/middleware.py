"""One read of the content version per request (changes.version.read_once)."""

from changes.version import read_once


class ContentVersionPerRequest:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with read_once():
            return self.get_response(request)
