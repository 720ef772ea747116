"""Migrate once, then copy: each test database starts as a copy of a migrated template.

Running every migration (Wagtail's, ours, the places data) costs about half a minute of CPU for each
xdist worker and for every single-file run. The first run after the migrations changed builds a
template (migrated, with the site skeleton) and keeps it; every later test database is a copy:
SQLite's in-memory database is filled from a template file with SQLite's backup API, PostgreSQL's is
made with `CREATE DATABASE … TEMPLATE`. The template is keyed on the contents of every installed
app's migrations, so a new or changed migration builds a new one (and the old one is removed).
"""

import fcntl
import functools
import hashlib
import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, connections

TEMPLATE_DIR = Path(settings.VAR_DIR) / "test-db"


@functools.cache
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
        self.content_prefix = f"test_{base}_c_"
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


_session_template = []


def template_for_this_database():
    """The template kind for the configured database, or None (then migrate as usual); the first
    answer (asked before the test database is made) stays the answer for the session."""
    if not _session_template:
        key = migrations_key()
        if connection.vendor == "sqlite" and not connection.settings_dict["TEST"].get("NAME"):
            _session_template.append(SQLiteTemplate(key))
        elif connection.vendor == "postgresql":
            _session_template.append(PostgreSQLTemplate(key))
        else:
            _session_template.append(None)
    return _session_template[0]


# Content templates ------------------------------------------------------------------------------
#
# Demo content (`setup_site`, the practices', colleagues' and publications' demo loaders) takes
# seconds to tens of seconds of CPU to build, and several modules and packages need the same. It is
# built once into a template of its own, like the migrated one above, and copied in for the modules
# that ask for it (`ContentTemplate.enter`); when they are done the test database is copied back
# from the migrated template. The key covers the migrations, all of our own code (the loaders and
# what they call), the settings and the catalogues, and the builder's own file.

PROJECT_DIRS = ("kennisbank", "locale")


@functools.cache
def sources_key(*files):
    """A digest of every file of our own apps, the settings and catalogues, and of `files`."""
    base = Path(settings.BASE_DIR).resolve()
    folders = {base / name for name in PROJECT_DIRS}
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if base in path.parents and ".venv" not in path.relative_to(base).parts:
            folders.add(path)
    digest = hashlib.sha256()
    paths = {path for folder in folders for path in folder.rglob("*") if path.is_file()}
    paths |= {Path(file).resolve() for file in files}
    for path in sorted(paths):
        if "__pycache__" in path.parts or path.suffix in (".pyc", ".lock"):
            continue
        digest.update(str(path.relative_to(base)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def clear_process_caches():
    """What this process remembers of the database's rows: wrong after the rows were swapped."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import caches

    for alias in settings.CACHES:
        caches[alias].clear()
    ContentType.objects.clear_cache()


def media_files():
    root = Path(settings.MEDIA_ROOT)
    return {path for path in root.rglob("*") if path.is_file()} if root.is_dir() else set()


class ContentTemplate:
    """The test database with the content `build()` commits, made once and then copied.

    `enter()` leaves the content in the test database (committed; each test still runs in its own
    transaction) until `leave()` puts back the migrated template the session started from. Without
    a migrated template (a named SQLite test database, another database vendor) the content is
    built each time and the session's start restored after, as tests/database.py does.
    """

    def __init__(self, name, build, source_file, sources=()):
        self.name, self.build, self.source_file = name, build, source_file
        self.sources = tuple(str(path) for path in sources)
        self.base = None

    def enter(self):
        if connection.in_atomic_block:
            raise RuntimeError(
                f"content template {self.name!r}: ask for it before any module transaction"
                " (module_db), it replaces the whole test database"
            )
        self.base = template_for_this_database()
        if self.base is None:
            self.build()
        else:
            key = f"{migrations_key()}-{sources_key(self.source_file, *self.sources)}"
            with locked(f"content-{connection.vendor}-{self.name}-{key}"):
                if connection.vendor == "sqlite":
                    self.enter_sqlite(key)
                else:
                    self.enter_postgresql(key)
        clear_process_caches()

    def leave(self):
        from tests.database import restore_session_start

        if self.base is None:
            restore_session_start()
        elif connection.vendor == "sqlite":
            self.base.copy()
        else:
            self.leave_postgresql()
        clear_process_caches()

    # Media files the content refers to (uploaded PDFs, images) are kept beside the template and
    # put back when a run finds them gone from MEDIA_ROOT.
    def media_dir(self, stem):
        return TEMPLATE_DIR / f"{stem}.media"

    def build_and_keep_media(self, stem):
        import shutil

        before = media_files()
        self.build()
        media_dir = self.media_dir(stem)
        shutil.rmtree(media_dir, ignore_errors=True)
        media_dir.mkdir(parents=True)  # also when empty: it marks the template as this checkout's
        root = Path(settings.MEDIA_ROOT)
        for path in media_files() - before:
            target = media_dir / path.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)

    def put_back_media(self, stem):
        import shutil

        media_dir = self.media_dir(stem)
        root = Path(settings.MEDIA_ROOT)
        for path in (p for p in media_dir.rglob("*") if p.is_file()) if media_dir.is_dir() else ():
            target = root / path.relative_to(media_dir)
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)

    def forget_older(self, stem, is_template):
        """Templates of this content for other code or migrations: they will not be used again."""
        import shutil

        for old in TEMPLATE_DIR.glob(f"content-{connection.vendor}-{self.name}-*"):
            if old.name.startswith(stem) or not is_template(old):
                continue
            if old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
            else:
                old.unlink(missing_ok=True)

    def enter_sqlite(self, key):
        stem = f"content-sqlite-{self.name}-{key}"
        path = TEMPLATE_DIR / f"{stem}.sqlite3"
        if path.exists():
            source = sqlite3.connect(path)
            connection.ensure_connection()
            source.backup(connection.connection)
            source.close()
            self.put_back_media(stem)
            return
        self.build_and_keep_media(stem)
        partial = path.with_suffix(f".{os.getpid()}.partial")
        target = sqlite3.connect(partial)
        connection.connection.backup(target)
        target.close()
        os.replace(partial, path)
        self.forget_older(stem, lambda old: True)

    def enter_postgresql(self, key):
        base = self.base
        self.test_name = connection.settings_dict["NAME"]
        self.work_name = f"{self.test_name}_content"[:63]
        template_name = f"{base.content_prefix}{self.name}_{key}".replace("-", "_")[:63]
        stem = f"content-postgresql-{self.name}-{key}"
        for alias in connections:
            connections[alias].close()
        with base.maintenance() as db:
            # A template database of another checkout of the same code (the server is shared) has
            # its uploads in that checkout's folder: only one whose files are kept here is used.
            exists = (
                db.execute(
                    "SELECT 1 FROM pg_database WHERE datname = %s", [template_name]
                ).fetchone()
                is not None
                and self.media_dir(stem).is_dir()
            )
            source = template_name if exists else base.name
            db.execute(f'DROP DATABASE IF EXISTS "{self.work_name}"')
            db.execute(f'CREATE DATABASE "{self.work_name}" TEMPLATE "{source}"')
        use_database(self.work_name)
        if exists:
            self.put_back_media(stem)
            return
        self.build_and_keep_media(stem)
        for alias in connections:
            connections[alias].close()
        with base.maintenance() as db:
            prefix = f"{base.content_prefix}{self.name}_"
            old = db.execute(  # older ones, and this one if another checkout left it
                "SELECT datname FROM pg_database WHERE datname LIKE %s",
                [prefix.replace("_", r"\_") + "%"],
            ).fetchall()
            for (name,) in old:
                db.execute(f'DROP DATABASE IF EXISTS "{name}"')
            db.execute(f'CREATE DATABASE "{template_name}" TEMPLATE "{self.work_name}"')
        self.forget_older(stem, lambda old: old.suffix == ".media")
        connection.ensure_connection()

    def leave_postgresql(self):
        with connection.cursor() as cursor:  # a live server's thread may still be connected
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        for alias in connections:
            connections[alias].close()
        use_database(self.test_name)
        with self.base.maintenance() as db:
            db.execute(f'DROP DATABASE IF EXISTS "{self.work_name}"')
