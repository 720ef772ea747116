"""Limits that keep a flood of submissions from swamping the editors or the disk: per-IP rate, pending cap."""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache

from contributions import conf
from contributions.models import Contribution


def client_ip(request):
    header = conf.get("CONTRIBUTION_CLIENT_IP_HEADER")
    if header and request.META.get(header):
        # Behind a trusted proxy: the header it sets, first (client) address only.
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def hash_ip(ip):
    """A keyed hash: equal addresses match, but the address cannot be read back."""
    return hmac.new(settings.SECRET_KEY.encode(), ip.encode(), hashlib.sha256).hexdigest()


def _rate_key(ip_hash):
    return f"contributions:rate:{ip_hash}"


def rate_limit_reached(ip_hash):
    return cache.get(_rate_key(ip_hash), 0) >= conf.get("CONTRIBUTION_RATE_LIMIT")


def count_submission(ip_hash):
    key = _rate_key(ip_hash)
    # add() starts the window only once; incr() keeps its expiry.
    cache.add(key, 0, timeout=conf.get("CONTRIBUTION_RATE_WINDOW_SECONDS"))
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=conf.get("CONTRIBUTION_RATE_WINDOW_SECONDS"))


def too_many_pending():
    return Contribution.objects.pending().count() >= conf.get("CONTRIBUTION_MAX_PENDING")
