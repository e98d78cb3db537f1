"""The sequencer: moves queued audit entries into the Merkle tree in batches, as Certificate Transparency's
sequencer does, giving them gap-free indexes and storing their leaf and perfect-subtree hashes.

Writers only insert into `AuditQueueEntry` inside their own transaction and never wait for one another.
A batch is one transaction holding the head row: it reads the oldest queued entries (by queue id), writes
their leaves and the subtrees they complete, moves the head on and deletes them from the queue. Killed at
any point, the batch rolls back whole and the next run takes the same entries again.

No committed entry is skipped: PostgreSQL may commit queue ids out of order, but no high-water mark is
kept. An entry leaves the queue only by being integrated, and each batch takes the oldest entries then
visible; one that commits late behind a smaller id is simply taken by a later batch, at a higher index.

Runs: in a thread of each writing process, woken after each commit (`wake`, the fast path), and as a
periodic task (the guarantee). `AUDIT_MAX_MERGE_DELAY_SECONDS` is the published bound; the health check
fails past it.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
import time
from typing import NamedTuple

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from marketplace.core import signing

from . import merkle, tree_store
from .models import AuditEntry, AuditLogHead, AuditNode, AuditQueueEntry, PushDelivery, RegulatorClient

logger = logging.getLogger(__name__)


def max_merge_delay() -> int:
    """Seconds within which every committed entry is in the tree (published with the log's key)."""
    return settings.AUDIT_MAX_MERGE_DELAY_SECONDS


def batch_size() -> int:
    return settings.AUDIT_SEQUENCER_BATCH


def in_writer_transaction() -> bool:
    """Whether an entry is integrated inside its writer's transaction, which serialises writers on the head
    row. Only where nothing runs in the background (the test settings)."""
    return settings.AUDIT_SEQUENCE_IN_TRANSACTION


# --- Queueing (in the writer's transaction) --------------------------------------------------------------


ENQUEUE = "INSERT INTO regulation_auditqueueentry (event_type, data, created_at) VALUES (%s, %s, %s)"
# Held until the commit (PostgreSQL): stamped with the database's clock as the entry commits.
ENQUEUE_AT_COMMIT = (
    "INSERT INTO regulation_auditqueueentry (event_type, data, created_at) "
    "VALUES (%s, %s, statement_timestamp())"
)


def enqueue(event_type: str, data: dict, writer=None) -> None:
    """Queue an entry in the current transaction of `writer` (a database connection), to be integrated
    once that commits. One plain INSERT, without a lock or a returned id, sent with the commit where the
    database allows: this runs in every regulated write, so each step here is counted in microseconds."""
    writer = writer or transaction.get_connection()
    hold = getattr(writer, "hold_until_commit", None)
    if hold:
        hold(ENQUEUE_AT_COMMIT, [event_type, signing.canonical_json(data)])
    else:
        params = [
            event_type,
            signing.canonical_json(data),
            writer.ops.adapt_datetimefield_value(timezone.now()),
        ]
        with writer.cursor() as cursor:
            cursor.execute(ENQUEUE, params)
    if settings.AUDIT_SEQUENCER_THREAD and not any(func is wake for _s, func, _r in writer.run_on_commit):
        writer.on_commit(wake, robust=True)


def integrate_in_transaction(event_type: str, data: dict) -> AuditEntry:
    """Queue an entry and integrate it (and anything queued before it) inside the current transaction."""
    queued = AuditQueueEntry.objects.create(
        event_type=event_type, data=signing.canonical_json(data), created_at=timezone.now()
    )
    while True:
        for row in integrate_batch():
            if row.queue_id == queued.pk:
                return AuditEntry.objects.get(index=row.index)


# --- One batch ---------------------------------------------------------------------------------------------


class Leaf(NamedTuple):
    """One integrated entry: the queue row it came from, its index and its leaf hash."""

    queue_id: int
    index: int
    hash: bytes


def integrate_batch(*, limit: int | None = None) -> list[Leaf]:
    """Integrate the oldest queued entries in one transaction, after any other sequencer's; what was
    written."""
    with transaction.atomic():
        head = AuditLogHead.objects.select_for_update().get(pk=1)
        now = timezone.now()
        take = _take_in_database if connection.vendor == "postgresql" else _take_in_python
        leaves = take(start=head.size, limit=limit or batch_size(), now=now)
        if not leaves:
            return []
        _store(_nodes(leaves, start=head.size))
        AuditLogHead.objects.filter(pk=1).update(size=head.size + len(leaves))
        _queue_pushes(leaves, now)
    return leaves


# The leaf's canonical JSON, {"at", "data", "index", "type"} with sorted keys, built where the queued rows
# are: `data` is already canonical (written by `signing.canonical_json`; the json cast keeps its text and
# refuses the batch, as the Python build does, if it is not JSON), `at` is Python's isoformat() of
# the UTC time (microseconds left out when zero) and to_json() escapes a string as json.dumps does without
# ensure_ascii. The rows never travel to Python and back: per entry this is a fraction of the cost.
# tests/regulation/test_sequencer_sql.py holds it to `_canonical`, byte for byte.
TAKE_AND_WRITE = """
WITH taken AS (
    -- ARRAY(): the oldest ids first, then an index scan for them, whatever the statistics say. A plain
    -- IN (subquery) lets the planner hash-join the whole queue, once per batch: a backlog after an
    -- outage would then take time in the square of its length.
    DELETE FROM regulation_auditqueueentry
    WHERE id = ANY(ARRAY(SELECT id FROM regulation_auditqueueentry ORDER BY id LIMIT %(limit)s))
    RETURNING id, event_type, data, created_at
), numbered AS (
    SELECT id, event_type, created_at, %(start)s + row_number() OVER (ORDER BY id) - 1 AS "index",
        '{"at":"' || to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
        || CASE WHEN created_at = date_trunc('second', created_at) THEN ''
                ELSE to_char(created_at AT TIME ZONE 'UTC', '.US') END
        || '+00:00","data":' || data::json::text || ',"index":' AS head, event_type AS type
    FROM taken
), leaves AS (
    SELECT id, "index", event_type, created_at,
        head || "index" || ',"type":' || to_json(type)::text || '}' AS canonical
    FROM numbered
), hashed AS (
    SELECT *, sha256('\\x00'::bytea || convert_to(canonical, 'UTF8')) AS hash FROM leaves
), written AS (
    INSERT INTO regulation_auditentry ("index", event_type, canonical, leaf_hash, created_at, sequenced_at)
    SELECT "index", event_type, canonical, encode(hash, 'hex'), created_at, %(now)s FROM hashed
)
SELECT id, "index", hash FROM hashed ORDER BY "index"
"""


def _take_in_database(*, start: int, limit: int, now: dt.datetime) -> list[Leaf]:
    """PostgreSQL: one statement takes the oldest queued rows and writes them as entries."""
    with connection.cursor() as cursor:
        cursor.execute(TAKE_AND_WRITE, {"start": start, "limit": limit, "now": now})
        return [Leaf(queue_id, index, bytes(value)) for queue_id, index, value in cursor.fetchall()]


def _canonical(*, index: int, event_type: str, created_at: dt.datetime, data: str) -> str:
    return signing.canonical_json(
        {"index": index, "type": event_type, "at": created_at.isoformat(), "data": json.loads(data)}
    )


def _take_in_python(*, start: int, limit: int, now: dt.datetime) -> list[Leaf]:
    """Elsewhere (SQLite): the same, row by row."""
    queued = AuditQueueEntry.objects.order_by("pk").values_list("pk", "event_type", "data", "created_at")
    leaves, entries = [], []
    for index, (queue_id, event_type, data, created_at) in enumerate(queued[:limit], start=start):
        canonical = _canonical(index=index, event_type=event_type, created_at=created_at, data=data)
        leaf = merkle.leaf_hash(canonical.encode())
        leaves.append(Leaf(queue_id, index, leaf))
        entries.append(
            AuditEntry(
                index=index,
                event_type=event_type,
                canonical=canonical,
                leaf_hash=leaf.hex(),
                created_at=created_at,
                sequenced_at=now,
            )
        )
    AuditEntry.objects.bulk_create(entries)
    # Only a sequencer deletes, and it holds the head: a shortfall is never expected.
    taken = AuditQueueEntry.objects.filter(pk__in=[leaf.queue_id for leaf in leaves]).delete()[0]
    if taken != len(leaves):
        raise RuntimeError("queued audit entries vanished while being integrated")
    return leaves


def _nodes(leaves: list[Leaf], *, start: int) -> list[tuple[int, int, bytes]]:
    """Every (level, position, hash) to store for the leaves from index `start` on: each perfect subtree
    above the leaves that they complete."""
    stack = tree_store.right_edge(start)
    nodes = []
    for index, (_queue_id, _index, leaf) in enumerate(leaves, start=start):
        stack.append((0, leaf))
        while len(stack) > 1 and stack[-1][0] == stack[-2][0]:
            (level, right), (_level, left) = stack.pop(), stack.pop()
            parent = merkle.node_hash(left, right)
            stack.append((level + 1, parent))
            nodes.append((level + 1, index >> (level + 1), parent))
    return nodes


def _store(nodes: list[tuple[int, int, bytes]]) -> None:
    """The subtree hashes: on PostgreSQL one COPY, whatever the batch size."""
    if connection.vendor != "postgresql":
        AuditNode.objects.bulk_create(AuditNode(level=lv, position=p, hash=h) for lv, p, h in nodes)
        return
    with (
        connection.cursor() as cursor,
        cursor.copy("COPY regulation_auditnode (level, position, hash) FROM STDIN") as copy,
    ):
        for node in nodes:
            copy.write_row(node)


def _queue_pushes(leaves: list[Leaf], now: dt.datetime) -> None:
    clients = list(RegulatorClient.objects.filter(revoked_at__isnull=True).exclude(push_url=""))
    if not clients:
        return
    ids = dict(AuditEntry.objects.filter(index__gte=leaves[0].index).values_list("index", "pk"))
    PushDelivery.objects.bulk_create(
        PushDelivery(
            client=client,
            entry_id=ids[leaf.index],
            idempotency_key=f"{client.pk}-{leaf.index}",
            next_attempt_at=now,
        )
        for leaf in leaves
        for client in clients
    )


# --- Running it ---------------------------------------------------------------------------------------------


def sequence_pending() -> int:
    """Integrate everything queued, waiting for any other sequencer to finish first; how many."""
    total = 0
    while True:
        batch = integrate_batch()
        total += len(batch)
        if len(batch) < batch_size():
            return total


GATHER_SECONDS = 0.2  # after a wake-up, let more commits join the batch: fewer, larger batches
_wake = threading.Event()
_started = threading.Lock()
_thread: threading.Thread | None = None


def wake() -> None:
    """After a writer's commit (the fast path): this process's sequencer thread integrates soon. The
    writer itself does no sequencing and waits for nothing. Off where a dedicated sequencer process
    runs (`sequence_audit_log --loop`): a pass in a web worker holds its interpreter lock."""
    if not settings.AUDIT_SEQUENCER_THREAD:
        return
    _wake.set()
    if _thread is None or not _thread.is_alive():
        with _started:
            _start()


def _start() -> None:
    global _thread
    if _thread is None or not _thread.is_alive():  # started once per process (again after a fork)
        _thread = threading.Thread(target=_run, name="audit-sequencer", daemon=True)
        _thread.start()


def _run() -> None:
    """Each wake-up is served by a pass that starts after it: a commit that wakes the thread while a pass
    is running makes it run one more."""
    while True:
        _wake.wait()
        time.sleep(GATHER_SECONDS)
        _wake.clear()
        try:
            sequence_pending()
        except Exception:
            # The entries stay queued: the next wake-up or the periodic task integrates them.
            logger.exception("audit sequencer pass failed")
            connection.close()
        if not _wake.is_set():
            connection.close()  # idle: hold no database connection between bursts


# --- The published bound -----------------------------------------------------------------------------


def check_merge_delay() -> dict:
    """Fails when an entry has waited in the queue longer than the published maximum merge delay."""
    limit = max_merge_delay()
    try:
        # The lowest queue id is the oldest entry, to within the clock skew between writers.
        oldest = AuditQueueEntry.objects.order_by("pk").values_list("created_at", flat=True).first()
    except DatabaseError as exc:
        return {"ok": False, "error": exc.__class__.__name__}
    waiting = (timezone.now() - oldest).total_seconds() if oldest else 0.0
    return {
        "ok": waiting <= limit,
        "oldest_unsequenced_seconds": round(waiting, 1),
        "max_merge_delay_seconds": limit,
    }
