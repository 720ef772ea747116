"""Signed links sent by e-mail: to see and withdraw consent, to answer a forwarded question, to
confirm a question's address, to follow an in-company request. No account needed; a link that was
changed or has expired is refused with a clear message."""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

# kind -> (URL name, days the link works)
KINDS = {
    "consent": ("colleague_consent", 60),
    "answer": ("question_answer_link", 30),
    "confirm": ("question_confirm", 7),
    "request": ("in_company_status", 365),
}


class LinkExpired(Exception):
    pass


class LinkInvalid(Exception):
    pass


def _signer(kind):
    return signing.TimestampSigner(salt=f"colleagues.link.{kind}")


def make_token(kind, pk):
    return _signer(kind).sign(str(pk))


def read_token(kind, token):
    """The id the link was made for; LinkExpired or LinkInvalid otherwise."""
    url_name, days = KINDS[kind]
    try:
        value = _signer(kind).unsign(token, max_age=days * 24 * 3600)
    except signing.SignatureExpired:
        raise LinkExpired from None
    except signing.BadSignature:
        raise LinkInvalid from None
    if not value.isdigit():
        raise LinkInvalid
    return int(value)


def link_url(kind, pk, language="nl"):
    """The absolute address of the link, in the language the person used."""
    url_name, _days = KINDS[kind]
    with translation.override(language):
        path = reverse(url_name, kwargs={"token": make_token(kind, pk)})
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
