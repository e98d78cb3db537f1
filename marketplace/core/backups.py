"""Back up the database and the uploads into one folder, and restore them into a fresh database.

A backup folder holds:
- `database.sqlite3` (SQLite's online backup API: a consistent copy while the site runs) or `database.dump`
  (`pg_dump --format=custom`, restored with `pg_restore`);
- `uploads/`: every file of the default storage (read through the storage API, so it works for the local
  folder and for S3-compatible storage alike);
- `manifest.json`: when, which database vendor, the applied migrations, the row count of every table and the
  SHA-256 of every file, so a restore can prove it put back what was saved.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404 - pg_dump and pg_restore, found with shutil.which
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import connection

MANIFEST = "manifest.json"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why."""


@dataclass
class Summary:
    tables: int
    rows: int
    files: int
    bytes: int


def table_counts() -> dict[str, int]:
    """Rows in every table of the current database, by table name."""
    with connection.cursor() as cursor:
        names = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for name in names:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")  # noqa: S608 - names from introspection  # nosec B608 - table names from introspection, quoted
            counts[name] = cursor.fetchone()[0]
    return counts


def _storage_files(directory: str = "") -> list[str]:
    folders, files = default_storage.listdir(directory)
    found = [f"{directory}/{name}".lstrip("/") for name in files]
    for folder in folders:
        found += _storage_files(f"{directory}/{folder}".lstrip("/"))
    return sorted(found)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_env() -> tuple[list[str], dict[str, str]]:
    db = settings.DATABASES["default"]
    args = ["--host", db.get("HOST") or "127.0.0.1", "--port", str(db.get("PORT") or 5432)]
    args += ["--username", db["USER"], "--dbname", db["NAME"]]
    return args, os.environ | {"PGPASSWORD": db.get("PASSWORD") or ""}


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed (Debian package postgresql-client).")
    return path


def backup(destination: Path) -> Summary:
    """Write a backup folder at `destination` (which must not exist yet)."""
    if destination.exists():
        raise BackupError(f"{destination} already exists; choose a new folder.")
    destination.mkdir(parents=True)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(destination / "database.sqlite3")
        with target:
            connection.connection.backup(target)
        target.close()
    elif connection.vendor == "postgresql":
        args, env = _pg_env()
        dump = destination / "database.dump"
        subprocess.run(  # noqa: S603 - arguments come from the settings, never from a user  # nosec B603 - arguments from the settings
            [_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(dump), *args],
            env=env,
            check=True,
        )
    else:
        raise BackupError(f"No backup method for the {connection.vendor} database.")
    counts = table_counts()
    files = {}
    for name in _storage_files():
        target_path = destination / "uploads" / name
        target_path.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as source, target_path.open("wb") as out:
            shutil.copyfileobj(source, out)
        files[name] = _sha256(target_path)
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        migrations = [f"{app}.{name}" for app, name in cursor.fetchall()]
    manifest = {
        "created_at": dt.datetime.now(dt.UTC).isoformat(),
        "vendor": connection.vendor,
        "migrations": migrations,
        "tables": counts,
        "files": files,
    }
    (destination / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
    return Summary(
        len(counts),
        sum(counts.values()),
        len(files),
        sum(p.stat().st_size for p in destination.rglob("*") if p.is_file()),
    )


def _database_is_empty() -> bool:
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def restore(source: Path, *, allow_existing: bool = False) -> Summary:
    """Restore a backup folder into the configured database (empty unless `allow_existing`) and storage,
    then check every table's row count and every file's hash against the manifest."""
    manifest_path = source / MANIFEST
    if not manifest_path.exists():
        raise BackupError(f"{source} has no {MANIFEST}; is it a backup folder?")
    manifest = json.loads(manifest_path.read_text())
    if manifest["vendor"] != connection.vendor:
        raise BackupError(f"This backup is of a {manifest['vendor']} database, not {connection.vendor}.")
    if not allow_existing and not _database_is_empty():
        raise BackupError("The target database is not empty; restore into a fresh database.")
    if connection.vendor == "sqlite":
        connection.close()
        name = Path(settings.DATABASES["default"]["NAME"])
        for suffix in ("-wal", "-shm"):
            Path(f"{name}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(source / "database.sqlite3", name)
    else:
        args, env = _pg_env()
        subprocess.run(  # noqa: S603 - arguments come from the settings, never from a user  # nosec B603 - arguments from the settings
            [_tool("pg_restore"), "--no-owner", "--exit-on-error", *args, str(source / "database.dump")],
            env=env,
            check=True,
        )
    for name, digest in manifest["files"].items():
        path = source / "uploads" / name
        if _sha256(path) != digest:
            raise BackupError(f"The backup's copy of {name} does not match its manifest.")
        if default_storage.exists(name):
            default_storage.delete(name)
        with path.open("rb") as handle:
            default_storage.save(name, File(handle, name=name))
    counts = table_counts()
    differ = {t: (n, counts.get(t)) for t, n in manifest["tables"].items() if counts.get(t) != n}
    if differ:
        raise BackupError(f"Row counts differ after the restore: {differ}")
    return Summary(len(counts), sum(counts.values()), len(manifest["files"]), 0)
