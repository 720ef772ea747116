"""The demo site once per module: practices, colleague-trainers with consent, questions."""

import io
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command

from tests.deferred import each_task_once
from tests.demo import content_fixture


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def build_demo():
    from colleagues.setup import load_demo_colleagues
    from home.site_structure import ensure_site_structure

    with each_task_once():
        call_command("load_demo_content", stdout=io.StringIO())
        load_demo_colleagues(ensure_site_structure())


# The demo site for a module: practices, colleague-trainers with consent, questions.
demo = content_fixture("colleagues", build_demo)


class Outbox(list):
    """The sent e-mails; `with mails.committed():` runs what waits for the commit (the mails)."""

    def __init__(self, outbox, capture):
        super().__init__()
        self.outbox, self.capture = outbox, capture

    def committed(self):
        return self.capture(execute=True)

    def __iter__(self):
        return iter(self.outbox)

    def __getitem__(self, index):
        return self.outbox[index]

    def __len__(self):
        return len(self.outbox)

    def __bool__(self):
        return bool(self.outbox)


@pytest.fixture
def mails(django_capture_on_commit_callbacks, mailoutbox):
    return Outbox(mailoutbox, django_capture_on_commit_callbacks)


def colleague(slug):
    from colleagues.models import ColleaguePage

    return ColleaguePage.objects.get(slug=slug, locale__language_code="nl")


def link_in(mail, url_name):
    """The address of the `url_name` link in a sent e-mail, as the site wrote it.

    Read from the e-mail, not made again in the test: a signed link carries the second it was made
    in, so one made a moment later differs from the one that was sent.
    """
    from django.urls import reverse

    before, after = reverse(url_name, kwargs={"token": "TOKEN"}).split("TOKEN")
    found = re.search(re.escape(before) + r"[^\s/?#]+" + re.escape(after), mail.body)
    assert found, f"no {url_name} link in the e-mail {mail.subject!r}:\n{mail.body}"
    return found.group(0)


def old_token(kind, pk, days_ago):
    """A link made `days_ago` days ago (signed as the site signs it)."""
    import time

    from django.core import signing

    signer = signing.TimestampSigner(salt=f"colleagues.link.{kind}")
    stamp = signing.b62_encode(int(time.time()) - days_ago * 24 * 3600)
    return signing.Signer.sign(signer, f"{pk}{signer.sep}{stamp}")
