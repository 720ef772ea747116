"""Another process changing content: `python -m tests.caching.edit create|rename`.
Run by tests/caching/test_page_cache_processes.py against a copy of the test database."""

import sys

import django

django.setup()

from home.site_structure import ensure_site_structure  # noqa: E402
from practices.models import Municipality, PracticePage  # noqa: E402
from tests.factories import PracticeIndexPageFactory, make_practice  # noqa: E402

action = sys.argv[1]
if action == "create":
    index = PracticeIndexPageFactory(parent=ensure_site_structure())
    place = Municipality.objects.filter(is_current=True).first()  # the places come with migrate
    print(make_practice(index, "Keukentafelgesprekken in Barneveld", municipality=place).url)
elif action == "rename":
    practice = PracticePage.objects.get(title="Keukentafelgesprekken in Barneveld")
    practice.title = "Keukentafelgesprekken in heel Barneveld"
    practice.save_revision().publish()
