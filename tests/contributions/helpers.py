"""What every bad-input test checks: nothing was stored, and the person's text is still in the form."""

from django.utils.html import escape
from wagtail.documents import get_document_model

from contributions.models import Contribution
from practices.models import PracticePage


def counts():
    return (
        PracticePage.objects.count(),
        Contribution.objects.count(),
        get_document_model().objects.count(),
    )


def assert_nothing_created(before):
    assert counts() == before


def assert_text_kept(response, data, fields=("title", "summary", "situation", "submitter_name")):
    html = response.content.decode()
    for name in fields:
        value = data[name]
        if value:
            for line in value.split("\n"):
                if line:
                    assert escape(line) in html, f"{name} lost: {line!r}"
