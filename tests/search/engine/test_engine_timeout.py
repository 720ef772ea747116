"""The engine gets at most a second per request, whatever the environment says."""

import pytest

from search.backends.elasticsearch import KennisbankSearchBackend

pytestmark = pytest.mark.engine


def test_engine_timeout_is_never_longer_than_a_second():
    backend = KennisbankSearchBackend({"URLS": ["http://127.0.0.1:9"], "TIMEOUT": 30})
    assert backend.timeout == 1.0
