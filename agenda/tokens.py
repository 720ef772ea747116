"""Signed links in e-mails (django.core.signing): confirm the address, cancel, take an offered place.

A link names one registration and one action; a changed or expired link is refused with a clear
message instead of acting on someone else's registration.
"""

from urllib.parse import urlencode

from django.core import signing

SALT = "agenda.registration"
ACTIONS = {"bevestigen": "confirm", "afmelden": "cancel", "plek": "offer"}
# How long a link is valid. Offers also end at the registration's own `offer_expires_at`.
MAX_AGE = {
    "confirm": 7 * 24 * 3600,
    "cancel": 400 * 24 * 3600,
    "offer": 14 * 24 * 3600,
}


class BadToken(Exception):
    def __init__(self, expired=False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def make_token(registration, action):
    return signing.dumps({"r": registration.pk, "a": action}, salt=SALT, compress=True)


def read_token(token, action):
    """The registration id the token is for, or BadToken (expired=True when only too old)."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE[action])
    except signing.SignatureExpired:
        raise BadToken(expired=True) from None
    except signing.BadSignature:
        raise BadToken from None
    if not isinstance(data, dict) or data.get("a") != action or not isinstance(data.get("r"), int):
        raise BadToken
    return data["r"]


def slug_for(action):
    """The Dutch word for `action` in a link's path (bevestigen for confirm)."""
    return next(key for key, value in ACTIONS.items() if value == action)


def action_url(registration, action, *, absolute=True):
    """The link for `action` on the registration's own activity page, in its language: an English
    page names the action in English (…/registration/confirm/), a Dutch one in Dutch."""
    page = registration.activity
    word = action if page.locale.language_code == "en" else slug_for(action)
    method = page.full_route_url if absolute else page.route_url
    return method("token", word, query="?" + urlencode({"t": make_token(registration, action)}))
