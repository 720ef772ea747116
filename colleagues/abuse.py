"""Rate limits of the public forms (contact, propose, question, in-company): per hashed address."""

from django.core.cache import cache

from contributions.abuse import client_ip, hash_ip

LIMIT_PER_HOUR = 5


def _key(kind, request):
    return f"colleagues:rate:{kind}:{hash_ip(client_ip(request))}"


def limit_reached(kind, request, limit=LIMIT_PER_HOUR):
    return cache.get(_key(kind, request), 0) >= limit


def count(kind, request):
    key = _key(kind, request)
    cache.add(key, 0, timeout=3600)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=3600)
