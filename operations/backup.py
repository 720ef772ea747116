"""Backup and restore of everything that matters: the database (pg_dump/pg_restore, or SQLite's own
backup) and the uploads in MEDIA_ROOT, taken so that no document or image row points at a missing file.

A backup is a folder `<BACKUP_DIR>/<UTC timestamp>/` with `database.dump` (PostgreSQL custom format)
or `database.sqlite3`, `media.tar.gz` and `manifest.json` (sizes, SHA-256 sums, counts). Used by
`manage.py backup` / `manage.py restore` (`make backup`, `make restore BACKUP=…`).
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.db import connection, connections, transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar.gz"


class BackupError(Exception):
    pass


def backup_root():
    return Path(
        os.environ.get("BACKUP_DIR")
        or getattr(settings, "BACKUP_DIR", None)
        or Path(settings.MEDIA_ROOT).parent / "backups"
    )


def is_postgres():
    return connection.vendor == "postgresql"


def pg_env():
    db = connection.settings_dict
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def pg_args():
    db = connection.settings_dict
    args = []
    if db.get("HOST"):
        args += ["-h", str(db["HOST"])]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    return args


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def referenced_files():
    """Every upload the database points at: documents, original images and their renditions."""
    names = set(get_document_model().objects.values_list("file", flat=True))
    image_model = get_image_model()
    names |= set(image_model.objects.values_list("file", flat=True))
    names |= set(image_model.get_rendition_model().objects.values_list("file", flat=True))
    return sorted(name for name in names if name)


def counts():
    """What a restore must bring back, for the manifest and the drill."""
    return {
        "pages": Page.objects.count(),
        "live_pages": Page.objects.live().count(),
        "revisions": Revision.objects.count(),
        "documents": get_document_model().objects.count(),
        "images": get_image_model().objects.count(),
    }


def dump_database(target_dir):
    """Dump the database and list its uploads from one consistent view of the data."""
    if is_postgres():
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
            target = target_dir / "database.dump"
            run(
                [
                    "pg_dump",
                    *pg_args(),
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    "--file",
                    str(target),
                    connection.settings_dict["NAME"],
                ],
                env=pg_env(),
            )
            return target, referenced_files(), counts()
    target = target_dir / "database.sqlite3"
    with transaction.atomic():
        files, numbers = referenced_files(), counts()  # the read transaction's snapshot
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
    return target, files, numbers


def run(command, env=None):
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:2000]}")
    return result


def archive_media(target_dir, files):
    """Copy MEDIA_ROOT into a tar.gz; every file the database points at must be in it."""
    media_root = Path(settings.MEDIA_ROOT)
    target = target_dir / MEDIA_ARCHIVE
    present = set()
    with tarfile.open(target, "w:gz") as archive:
        if media_root.exists():
            for path in sorted(media_root.rglob("*")):
                if path.is_file():
                    name = path.relative_to(media_root).as_posix()
                    archive.add(path, arcname=name)
                    present.add(name)
    missing = [name for name in files if name not in present]
    if missing:
        raise BackupError(
            f"{len(missing)} upload(s) the database points at are missing from {media_root}, "
            f"e.g. {missing[0]}: not a consistent backup"
        )
    return target, len(present)


def make_backup(root=None, keep=None, media=True):
    """Take one backup; return its folder. `keep`: remove all but the newest `keep` backups.
    `media=False` for uploads in S3, which the bucket's own versioning keeps (README)."""
    if media and getattr(settings, "AWS_STORAGE_BUCKET_NAME", None):
        raise BackupError(
            "Uploads are in S3: keep them with the bucket's versioning or replication "
            "(README, Backup and restore) and run `backup --database-only`."
        )
    root = Path(root or backup_root())
    root.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    stamp = timezone.now().strftime("%Y%m%dT%H%M%S%fZ")
    work = Path(tempfile.mkdtemp(prefix=f".{stamp}-", dir=root))
    try:
        database, files, numbers = dump_database(work)
        parts = [database]
        media_count = 0
        if media:
            archive, media_count = archive_media(work, files)
            parts.append(archive)
        manifest = {
            "created_at": timezone.now().isoformat(),
            "engine": connection.vendor,
            "counts": numbers,
            "uploads_referenced": len(files),
            "media_files": media_count,
            "files": {
                part.name: {"bytes": part.stat().st_size, "sha256": sha256(part)} for part in parts
            },
            "seconds": round(time.monotonic() - started, 2),
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=2))
        final = root / stamp
        work.rename(final)  # a backup folder appears only when complete
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    if keep:
        prune(root, keep)
    return final


def backups(root=None):
    root = Path(root or backup_root())
    if not root.exists():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and (p / MANIFEST).exists())


def prune(root, keep):
    """Remove all but the newest `keep` complete backups; return the removed folders."""
    old = backups(root)[:-keep] if keep > 0 else []
    for folder in old:
        shutil.rmtree(folder)
    return old


def verify(folder):
    folder = Path(folder)
    manifest = json.loads((folder / MANIFEST).read_text())
    for name, expected in manifest["files"].items():
        if sha256(folder / name) != expected["sha256"]:
            raise BackupError(f"{name} in {folder} is damaged (checksum differs)")
    return manifest


def restore_jobs():
    """pg_restore's parallel jobs: loading the tables and building the indexes (the search index's
    among them) one per core instead of one after another."""
    return max(1, min(4, os.cpu_count() or 1))


def restore_backup(folder, media=True, jobs=None):
    """Bring the database and MEDIA_ROOT back to the backup in `folder` (replacing what is there).
    `jobs`: pg_restore's parallel jobs (default: one per core, at most 4)."""
    folder = Path(folder)
    manifest = verify(folder)
    if manifest["engine"] != connection.vendor:
        raise BackupError(f"backup is of {manifest['engine']}, this site runs {connection.vendor}")
    started = time.monotonic()
    if is_postgres():
        name = connection.settings_dict["NAME"]
        with connection.cursor() as cursor:
            # An empty database first: what the dump does not hold must not survive the restore.
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        connections.close_all()
        run(
            [
                "pg_restore",
                *pg_args(),
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                f"--jobs={jobs or restore_jobs()}",
                "--dbname",
                name,
                str(folder / "database.dump"),
            ],
            env=pg_env(),
        )
    else:
        source = sqlite3.connect(folder / "database.sqlite3")
        try:
            connection.ensure_connection()
            source.backup(connection.connection)
        finally:
            source.close()
    if media and (folder / MEDIA_ARCHIVE).exists():
        media_root = Path(settings.MEDIA_ROOT)
        if media_root.exists():
            shutil.rmtree(media_root)
        media_root.mkdir(parents=True)
        with tarfile.open(folder / MEDIA_ARCHIVE, "r:gz") as archive:
            archive.extractall(media_root, filter="data")
    return manifest, round(time.monotonic() - started, 2)
