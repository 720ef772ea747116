"""The last places of an activity under real parallel requests: never more confirmed than there are
places. PostgreSQL only: SQLite has one writer at a time, so there is no race to lose there."""

import threading
import urllib.request
from urllib.error import HTTPError

import pytest
from django.db import connection

from agenda import services
from agenda.models import Registration
from agenda.tokens import action_url
from tests.agenda.helpers import agenda_index, make_activity

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks (select_for_update) are what is tested; SQLite serialises all writers",
)

PARALLEL = 50


def test_fifty_parallel_confirmations_for_the_last_five_places(live_server):
    activity = make_activity(agenda_index(), "Drukbezochte leerbijeenkomst", capacity=25)
    for n in range(20):
        registration, _created = services.register(
            activity,
            name=f"Vroeg {n}",
            email=f"vroeg{n}@x.nl",
            municipality=None,
            organisation="VNG",
            professional_group=None,
            remark="",
            language="nl",
        )
        services.confirm_email(registration.pk)
    pending = [
        services.register(
            activity,
            name=f"Laat {n}",
            email=f"laat{n}@x.nl",
            municipality=None,
            organisation="VNG",
            professional_group=None,
            remark="",
            language="nl",
        )[0]
        for n in range(PARALLEL)
    ]
    urls = [live_server.url + action_url(r, "confirm", absolute=False) for r in pending]
    start = threading.Barrier(PARALLEL)
    statuses = []

    def follow(url):
        start.wait()  # all fifty at once
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                statuses.append(response.status)
        except HTTPError as error:
            statuses.append(error.code)

    threads = [threading.Thread(target=follow, args=(url,)) for url in urls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [200] * PARALLEL
    late = Registration.objects.filter(email__startswith="laat")
    assert late.filter(status=Registration.Status.CONFIRMED).count() == 5
    assert late.filter(status=Registration.Status.WAITING).count() == 45
    assert Registration.objects.filter(status=Registration.Status.CONFIRMED).count() == 25
