"""Many writers at once on PostgreSQL, some rolling back, while one sequencer is killed (SIGKILL) in the
middle of a batch and another fails between its steps: every committed change is in the log exactly once,
no rolled-back one is, indexes are gap-free, and every inclusion and consistency proof verifies."""

import collections
import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.db import connection, connections, transaction

from marketplace.core import keys
from regulation import audit, merkle, sequencer
from regulation.models import AuditEntry, AuditLogHead, AuditQueueEntry

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
WRITERS, CHANGES = 8, 24

# A sequencer in its own process that stops for good in the middle of a batch: after writing the leaves
# and subtree hashes, before moving the head and emptying the queue.
STALLING_SEQUENCER = """
import sys, time
from pathlib import Path
import django
django.setup()
from regulation import sequencer
store = sequencer._store
def store_and_stall(*args):
    store(*args)
    Path(sys.argv[1]).write_text("mid-batch")
    time.sleep(600)
sequencer._store = store_and_stall
sequencer.sequence_pending()
"""


def make_change(name: str, *, fail: bool) -> None:
    """The business change (a group) and its audit entry in one transaction."""
    with transaction.atomic():
        Group.objects.create(name=name)
        audit.append("test.change", {"group": name})
        if fail:
            raise RuntimeError("the change failed")


def start_stalling_sequencer(marker: Path) -> subprocess.Popen:
    db = connection.settings_dict
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "marketplace.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}",
    }
    process = subprocess.Popen([sys.executable, "-c", STALLING_SEQUENCER, str(marker)], cwd=ROOT, env=env)
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert process.poll() is None and time.monotonic() < deadline, "the sequencer never reached its batch"
        time.sleep(0.1)
    return process


def test_many_writers_and_a_sequencer_killed_mid_batch(settings, monkeypatch, tmp_path, caplog):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL; scripts/test runs the suite on PostgreSQL")
    settings.AUDIT_SEQUENCE_IN_TRANSACTION = False
    settings.AUDIT_SEQUENCER_BATCH = 7  # many batch boundaries
    wake = sequencer.wake

    # Changes committed while no sequencer runs, then a sequencer that dies holding them mid-batch.
    monkeypatch.setattr(sequencer, "wake", lambda: None)
    for n in range(5):
        make_change(f"seq-early-{n}", fail=False)
    stalled = start_stalling_sequencer(tmp_path / "marker")
    assert AuditLogHead.objects.get().size == 0

    # One more sequencer failure, inside this process, between writing the leaves and moving the head.
    store, failures = sequencer._store, []

    def store_once_failing(*args):
        store(*args)
        if not failures:
            failures.append("injected")
            raise RuntimeError("sequencer failed between its steps")

    monkeypatch.setattr(sequencer, "_store", store_once_failing)
    monkeypatch.setattr(sequencer, "wake", wake)

    committed, rolled_back, heads, errors = set(), set(), [], []
    lock, done = threading.Lock(), threading.Event()
    start = threading.Barrier(WRITERS + 1)

    def writer(w: int):
        try:
            start.wait()
            for n in range(CHANGES):
                name, fail = f"seq-w{w}-{n}", (w + n) % 5 == 0
                with contextlib.suppress(RuntimeError):  # the rolled-back ones
                    make_change(name, fail=fail)
                with lock:
                    (rolled_back if fail else committed).add(name)
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    def publisher():
        try:
            while not done.is_set():
                with contextlib.suppress(RuntimeError):  # the injected failure, if this sequencer met it
                    heads.append(audit.publish_tree_head())
                time.sleep(0.05)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(WRITERS)]
    threads.append(threading.Thread(target=publisher))
    for thread in threads:
        thread.start()
    start.wait()
    while len(committed) + len(rolled_back) < WRITERS * CHANGES // 2:
        time.sleep(0.01)
    stalled.send_signal(signal.SIGKILL)  # killed mid-batch, with writers still committing
    assert stalled.wait(30) == -signal.SIGKILL
    for thread in threads[:-1]:
        thread.join(120)
    done.set()
    threads[-1].join(120)
    monkeypatch.setattr(sequencer, "wake", lambda: None)
    assert not errors

    sequencer.sequence_pending()  # the periodic task: whatever a fast path left behind
    final = audit.publish_tree_head()

    committed |= {f"seq-early-{n}" for n in range(5)}
    assert set(Group.objects.filter(name__startswith="seq-").values_list("name", flat=True)) == committed
    entries = list(AuditEntry.objects.order_by("index"))
    logged = collections.Counter(json.loads(e.canonical)["data"]["group"] for e in entries)
    assert set(logged) == committed and max(logged.values()) == 1
    assert not set(logged) & rolled_back
    assert [e.index for e in entries] == list(range(len(committed)))
    assert AuditLogHead.objects.get().size == final.tree_size == len(committed)
    assert not AuditQueueEntry.objects.exists()
    assert failures == ["injected"]

    root = bytes.fromhex(final.root_hash)
    for entry in entries:
        path = audit.inclusion_proof(entry.index, final.tree_size)
        assert merkle.verify_inclusion(
            bytes.fromhex(entry.leaf_hash), entry.index, final.tree_size, path, root
        )
    for head in {h.tree_size: h for h in heads if 0 < h.tree_size < final.tree_size}.values():
        path = audit.consistency_proof(head.tree_size, final.tree_size)
        assert merkle.verify_consistency(
            head.tree_size, final.tree_size, bytes.fromhex(head.root_hash), root, path
        )
    exported, signed = audit.export_for_verification()
    assert audit.verify_log(exported, signed, keys.published("audit")) == []
