"""One command backs up the database and the uploads; another restores them into a fresh database with
every row, every file, and an audit log that still verifies."""

import hashlib
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection

from listings import services as listing_services
from listings.models import ListingReport
from marketplace.core.backups import BackupError, restore, table_counts
from regulation import audit
from tests.listings.factories import ListingFactory, add_photos

ROOT = Path(__file__).resolve().parents[2]

RESTORE = """
import hashlib, json, sys
import django
django.setup()
from django.core.files.storage import default_storage
from django.core.management import call_command
from marketplace.core.backups import restore, table_counts
summary = restore(__import__("pathlib").Path(sys.argv[1]))
sample = json.loads(sys.argv[2])
hashes = {name: hashlib.sha256(default_storage.open(name).read()).hexdigest() for name in sample}
call_command("verify_audit_log")
print(json.dumps({"counts": table_counts(), "hashes": hashes, "files": summary.files}))
"""


@pytest.fixture
def fresh_database():
    db = settings.DATABASES["default"]
    name = f"restore_{uuid.uuid4().hex[:8]}"
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    dsn = f"host={host} port={port} user={db['USER']} password={db['PASSWORD']}"
    with psycopg.connect(dsn + " dbname=postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"postgres://{db['USER']}:{db['PASSWORD']}@{host}:{port}/{name}"
    with psycopg.connect(dsn + " dbname=postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres
@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_restored_backup_has_every_row_every_file_and_a_verifying_audit_log(
    tmp_path, fresh_database, buyer
):
    if connection.vendor != "postgresql":
        pytest.skip("this test restores into a second PostgreSQL database")
    listings = [ListingFactory(published=True) for _ in range(3)]
    for listing in listings:
        add_photos(listing, 2)
    listing_services.report_listing(
        listings[0], reporter=buyer, reason=ListingReport.Reason.COUNTERFEIT, details="假货"
    )
    audit.publish_tree_head()
    saved = tmp_path / "backup"
    call_command("backup", str(saved))
    manifest = json.loads((saved / "manifest.json").read_text())
    assert manifest["tables"] == table_counts()
    assert manifest["tables"]["listings_listing"] >= 3 and manifest["tables"]["regulation_auditentry"] >= 1
    sample = sorted(manifest["files"])[:: max(1, len(manifest["files"]) // 5)]
    assert sample

    env = os.environ | {"DATABASE_URL": fresh_database}
    result = subprocess.run(
        [sys.executable, "-c", RESTORE, str(saved), json.dumps(sample)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    restored = json.loads(result.stdout.strip().splitlines()[-1])
    assert restored["counts"] == manifest["tables"]
    assert restored["files"] == len(manifest["files"])
    for name in sample:
        original = hashlib.sha256(default_storage.open(name).read()).hexdigest()
        assert restored["hashes"][name] == original == manifest["files"][name]


@pytest.mark.django_db
def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    (tmp_path / "manifest.json").write_text(json.dumps({"vendor": "postgresql", "tables": {}, "files": {}}))
    with pytest.raises(BackupError, match="not empty|postgresql"):
        restore(tmp_path)


def test_restore_refuses_a_folder_that_is_not_a_backup(tmp_path):
    with pytest.raises(BackupError, match="manifest"):
        restore(tmp_path)
