"""The page cache of one web worker follows content changed by another process: the cache key
carries the content version from the database, not a number in the worker's own memory.

Three real processes share a file copy of the test database: one creates a practice, one serves
it with its own local-memory cache (as a gunicorn worker without Redis does), one publishes a
change to it (as another worker, or an import from the command line).
"""

import json
import os
import sqlite3
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.fixture
def environment(tmp_path):
    """Settings for the other processes: the development settings with the server-side page cache
    on, against a file copy of this test's (migrated, still empty) database."""
    if connection.vendor != "sqlite":
        pytest.skip("the processes share a file copy of the SQLite test database")
    connection.ensure_connection()
    path = tmp_path / "db.sqlite3"
    copy = sqlite3.connect(path)
    connection.connection.backup(copy)
    copy.close()
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kennisbank.settings.dev",
        "DATABASE_URL": f"sqlite:///{path}",
        "PAGE_CACHE_SERVER_SIDE": "1",
        "ALLOWED_HOSTS": "localhost",
        "TASKS_BACKEND": "immediate",
    }


def edit(action, environment):
    done = subprocess.run(
        [sys.executable, "-m", "tests.caching.edit", action],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip()


class Worker:
    """tests/caching/worker.py in its own process: `get(path)` answers through its page cache."""

    def __init__(self, environment):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.caching.worker"],
            cwd=settings.BASE_DIR,
            env=environment,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.read() == {"ready": True}

    def read(self):
        line = self.process.stdout.readline()
        assert line, "the worker process stopped"
        return json.loads(line)

    def get(self, path):
        self.process.stdin.write(path + "\n")
        self.process.stdin.flush()
        return self.read()

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=60)


def test_a_page_cached_by_one_worker_is_dropped_when_another_process_publishes(environment):
    url = edit("create", environment)
    worker = Worker(environment)
    try:
        first, second = worker.get(url), worker.get(url)
        edit("rename", environment)
        after = worker.get(url)
    finally:
        worker.close()
    assert (first["status"], first["cache"]) == (200, "miss")
    assert second["cache"] == "hit"
    assert after["cache"] == "miss"
    assert "Keukentafelgesprekken in heel Barneveld" in after["html"]
