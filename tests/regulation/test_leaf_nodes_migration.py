"""Upgrading a log that stored each leaf's hash twice: after the migration every proof still verifies
from what is left, and migrating back restores the copies. Run in its own process on a fresh SQLite file:
migrating backwards must not disturb the suite's database."""

import pytest

from tests.fresh_sqlite import run_on_fresh_sqlite

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
    stdout = run_on_fresh_sqlite(SCRIPT, tmp_path)
    assert stdout.split("\n")[:5] == [
        "restored True",
        "copies left 0",
        "root True",
        "proofs True",
        "consistency True",
    ]
