"""A stand-in for one web worker in its own process: answers paths read from stdin with Django's
test client, through the whole middleware stack and this process's own local-memory page cache,
and prints one JSON line per answer. Run by tests/caching/test_page_cache_processes.py."""

import json
import sys

import django

django.setup()

from django.test import Client  # noqa: E402

client = Client(HTTP_HOST="localhost")
print(json.dumps({"ready": True}), flush=True)
for line in sys.stdin:
    response = client.get(line.strip())
    answer = {
        "status": response.status_code,
        "cache": response.get("X-Page-Cache", ""),
        "html": response.content.decode(),
    }
    print(json.dumps(answer), flush=True)
