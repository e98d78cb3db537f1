"""Upgrading a log that stored each leaf's hash twice: after the migration every proof still verifies
from what is left, and migrating back restores the copies. Run in its own process on a fresh SQLite file:
migrating backwards must not disturb the suite's database."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import django
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

call_command("migrate", verbosity=0)
settings.AUDIT_SEQUENCER_THREAD = False
from regulation import audit, merkle, sequencer
from regulation.models import AuditEntry, AuditNode

SIZE = 13
for n in range(SIZE):
    with transaction.atomic():
        audit.append("test.event", {"n": n})
sequencer.sequence_pending()
leaves = dict(AuditEntry.objects.values_list("index", "leaf_hash"))

executor = MigrationExecutor(connection)
executor.migrate([("regulation", "0011_admin_labels")])
copies = {
    position: bytes(value).hex()
    for position, value in AuditNode.objects.filter(level=0).values_list("position", "hash")
}
print("restored", copies == leaves and len(copies) == SIZE)

executor = MigrationExecutor(connection)
executor.migrate(executor.loader.graph.leaf_nodes())
print("copies left", AuditNode.objects.filter(level=0).count())
root = audit.root_at(SIZE)
print("root", root == merkle.root([bytes.fromhex(leaves[i]) for i in range(SIZE)]))
print("proofs", all(
    merkle.verify_inclusion(bytes.fromhex(leaves[i]), i, SIZE, audit.inclusion_proof(i, SIZE), root)
    for i in range(SIZE)
))
print("consistency", all(
    merkle.verify_consistency(m, SIZE, audit.root_at(m), root, audit.consistency_proof(m, SIZE))
    for m in range(1, SIZE)
))
"""


@pytest.mark.slow
def test_proofs_verify_after_the_leaf_copies_go_and_migrating_back_restores_them(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DJANGO_SETTINGS_MODULE="marketplace.settings.dev", VAR_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split("\n")[:5] == [
        "restored True",
        "copies left 0",
        "root True",
        "proofs True",
        "consistency True",
    ]
