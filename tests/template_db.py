"""Migrate once, then copy: each test database starts as a copy of a migrated template.

Running every migration (Wagtail's, ours, the places data) costs about half a minute of CPU for each
xdist worker and for every single-file run. The first run after the migrations changed builds a
template (migrated, with the site skeleton) and keeps it; every later test database is a copy:
SQLite's in-memory database is filled from a template file with SQLite's backup API, PostgreSQL's is
made with `CREATE DATABASE … TEMPLATE`. The template is keyed on the contents of every installed
app's migrations, so a new or changed migration builds a new one (and the old one is removed).
"""

import fcntl
import hashlib
import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, connections

TEMPLATE_DIR = Path(settings.VAR_DIR) / "test-db"


def migrations_key():
    """A digest of every migration file of every installed app (ours and the packages')."""
    digest = hashlib.sha256(connection.vendor.encode())
    for config in sorted(apps.get_app_configs(), key=lambda config: config.label):
        folder = Path(config.path) / "migrations"
        for path in sorted(folder.glob("*.py")) if folder.is_dir() else ():
            digest.update(f"{config.label}/{path.name}".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@contextmanager
def locked(name):
    """One xdist worker at a time builds or copies the template; the others wait for it."""
    TEMPLATE_DIR.mkdir(parents=True, exist_ok=True)
    with open(TEMPLATE_DIR / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def use_database(name):
    """Point the default connection (and the settings) at the test database `name`."""
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name
    connection.ensure_connection()


class SQLiteTemplate:
    """In-memory test databases, filled from a template file."""

    def __init__(self, key):
        self.lock_name = f"sqlite-{key}"
        self.path = TEMPLATE_DIR / f"sqlite-{key}.sqlite3"
        self.serialized = self.path.with_suffix(".json")

    def exists(self):
        return self.path.exists() and self.serialized.exists()

    def save(self, serialized):
        partial = self.path.with_suffix(f".{os.getpid()}.partial")
        target = sqlite3.connect(partial)
        connection.connection.backup(target)
        target.close()
        os.replace(partial, self.path)
        self.serialized.write_text(serialized, encoding="utf-8")
        for old in TEMPLATE_DIR.glob("sqlite-*"):
            if old.stem != self.path.stem:
                old.unlink(missing_ok=True)

    def copy(self):
        """The in-memory test database Django would have made, filled from the template."""
        test_name = connection.settings_dict["TEST"].get("NAME") or (
            f"file:memorydb_{connection.alias}?mode=memory&cache=shared"
        )
        use_database(test_name)
        source = sqlite3.connect(self.path)
        source.backup(connection.connection)
        source.close()
        return self.serialized.read_text(encoding="utf-8")

    def drop_copy(self, original_name):
        pass  # the in-memory database ends with the process


class PostgreSQLTemplate:
    """Test databases made with CREATE DATABASE … TEMPLATE from a migrated template database."""

    def __init__(self, key):
        base = connection.settings_dict["NAME"]
        self.lock_name = f"postgresql-{base}-{key}"
        self.name = f"test_{base}_tpl_{key}"[:63]
        self.prefix = f"test_{base}_tpl_"
        self.serialized = TEMPLATE_DIR / f"{self.name}.json"

    @contextmanager
    def maintenance(self):
        import psycopg

        params = connection.settings_dict
        with psycopg.connect(
            dbname="postgres",
            user=params.get("USER") or None,
            password=params.get("PASSWORD") or None,
            host=params.get("HOST") or None,
            port=params.get("PORT") or None,
            autocommit=True,
        ) as maintenance:
            yield maintenance

    def exists(self):
        with self.maintenance() as db:
            found = db.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [self.name]
            ).fetchone()
        return found is not None and self.serialized.exists()

    def save(self, serialized):
        source = connection.settings_dict["NAME"]
        for alias in connections:
            connections[alias].close()
        with self.maintenance() as db:
            old = db.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s", [self.prefix + "%"]
            ).fetchall()
            for (name,) in old:
                db.execute(f'DROP DATABASE IF EXISTS "{name}"')
            db.execute(f'CREATE DATABASE "{self.name}" TEMPLATE "{source}"')
        for stale in TEMPLATE_DIR.glob(f"{self.prefix}*.json"):
            stale.unlink(missing_ok=True)
        self.serialized.write_text(serialized, encoding="utf-8")

    def copy(self):
        test_name = connection.settings_dict["TEST"].get("NAME") or (
            f"test_{connection.settings_dict['NAME']}"
        )
        connection.close()
        with self.maintenance() as db:
            db.execute(f'DROP DATABASE IF EXISTS "{test_name}"')
            db.execute(f'CREATE DATABASE "{test_name}" TEMPLATE "{self.name}"')
        use_database(test_name)
        return self.serialized.read_text(encoding="utf-8")

    def drop_copy(self, original_name):
        test_name = connection.settings_dict["NAME"]
        for alias in connections:
            connections[alias].close()
        settings.DATABASES[connection.alias]["NAME"] = original_name
        connection.settings_dict["NAME"] = original_name
        with self.maintenance() as db:
            db.execute(f'DROP DATABASE IF EXISTS "{test_name}"')


def template_for_this_database():
    """The template kind for the configured database, or None (then migrate as usual)."""
    key = migrations_key()
    if connection.vendor == "sqlite" and not connection.settings_dict["TEST"].get("NAME"):
        return SQLiteTemplate(key)
    if connection.vendor == "postgresql":
        return PostgreSQLTemplate(key)
    return None
