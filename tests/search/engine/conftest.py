"""Fixtures for tests against a real engine process: osmem-server, started on a free port, reached by
the stock elasticsearch client through a media-type proxy (see media_type_proxy.py).

- `engine_server` (session): one osmem-server process; tests get clones of it (milliseconds each).
- `engine` (function) / `module_engine` (module): a clone with ELASTICSEARCH_URL and the
  "elasticsearch" search backend pointing at it, configured as in production.
- `stoppable_engine` (function): an engine process of the test's own, which the test may stop.
- `module_db` (module): one transaction around a module, so content is made once and rolled back.
"""

import pytest
from django.core.management import call_command
from django.db import transaction
from osmem_server import OsmemServer

from search.engine_settings import engine_settings as production_engine_settings
from search.engines.fallback import engine_breaker
from tests.search.engine.media_type_proxy import MediaTypeProxy

INDEX_PREFIX = "kbtest_"


class Engine:
    """An engine reachable at `url` by the stock client; `request_count` counts what reached it."""

    def __init__(self, upstream_url, server=None, clone=None):
        self.server = server
        self.clone = clone
        self.proxy = MediaTypeProxy(upstream_url)
        self.url = self.proxy.url

    @property
    def request_count(self):
        return self.proxy.request_count

    def client(self):
        from search.backends.elasticsearch import get_engine_backend

        return get_engine_backend().es

    def index_name(self):
        from search.backends.elasticsearch import get_engine_backend

        return get_engine_backend().get_page_index_name()

    def rebuild(self, **options):
        """`update_index` for the engine only: a fresh index, then the alias swapped to it."""
        call_command("update_index", backend_name="elasticsearch", verbosity=0, **options)

    def stop(self):
        """Stop the engine process: from now on nothing answers at its address."""
        if self.server is not None:
            self.server.close(grace=1.0)

    def restart(self):
        """A new, empty engine process at the same address (as a restarted in-memory cluster)."""
        self.server = OsmemServer.start(japanese=False)
        self.proxy.retarget(self.server.url)

    def close(self):
        self.proxy.close()
        if self.clone is not None:
            self.clone.close()
        self.stop()


def engine_settings(url):
    """Settings as production has them with ELASTICSEARCH_URL set, pointing at `url`."""
    return production_engine_settings(url, INDEX_PREFIX, timeout=1.0)


@pytest.fixture(scope="session")
def engine_server():
    server = OsmemServer.start(japanese=False)
    yield server
    server.close()


def _cloned_engine(engine_server):
    clone = engine_server.clone()
    return Engine(clone.url, clone=clone)


@pytest.fixture
def engine(engine_server):
    handle = _cloned_engine(engine_server)
    with engine_settings(handle.url):
        yield handle
    handle.close()


@pytest.fixture(scope="module")
def module_engine(engine_server):
    handle = _cloned_engine(engine_server)
    with engine_settings(handle.url):
        yield handle
    handle.close()


@pytest.fixture
def stoppable_engine():
    server = OsmemServer.start(japanese=False)
    handle = Engine(server.url, server=server)
    with engine_settings(handle.url):
        yield handle
    handle.close()


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """Content made once for a module's tests (each test still runs in its own savepoint)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def closed_breaker():
    """Each test starts with the engine trusted again."""
    engine_breaker.reset()
    yield
    engine_breaker.reset()
