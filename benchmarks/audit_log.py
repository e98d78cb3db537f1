"""Audit log at scale: write throughput of concurrent writers with and without the audit append, the
merge delay of the sequencer, proof generation with 1,000,000 entries, and a feed page through the API.

    scripts/bench-audit                                  # everything, against a scratch database
    scripts/bench-audit --part writers --writers 16 --seconds 5 --rounds 5
    scripts/bench-audit --part proofs --entries 1000000

Writers: each of N threads commits one-row updates of its own row, one transaction each, for a fixed
time; then the same with `audit.append` in every transaction; rounds alternate. The sequencer runs as
its own process (`--sequencer thread`: woken in the writers' process instead). Merge delay: from an
entry's append to its integration into the tree. The million entries are loaded in bulk (COPY; leaves
and perfect-subtree hashes computed here with the same functions as the sequencer).
"""

import argparse
import contextlib
import io
import multiprocessing
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.dev")
os.environ["DEBUG"] = "false"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from marketplace.core import signing  # noqa: E402
from marketplace.geography.models import SupervisionOffice  # noqa: E402
from regulation import audit, merkle  # noqa: E402
from regulation.models import AuditEntry, AuditLogHead, RegulatorClient, TreeHead  # noqa: E402

AUDIT_TABLES = [
    "regulation_pushdelivery",
    "regulation_auditentry",
    "regulation_auditnode",
    "regulation_treehead",
]


def reset():
    tables = AUDIT_TABLES + (["regulation_auditqueueentry"] if _has_queue() else [])
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(tables)}")
    AuditLogHead.objects.update_or_create(pk=1, defaults={"size": 0})


def _has_queue() -> bool:
    return "regulation_auditqueueentry" in connection.introspection.table_names()


# --- Concurrent writers ----------------------------------------------------------------------------------


def _write(slot: int, with_audit: bool, start, stop) -> int:
    """One writer: one-row updates of its own row, one transaction each, from the start to the stop."""
    try:
        with connection.cursor() as cursor:  # connect before the clock starts
            cursor.execute("SELECT 1")
        start.wait()
        n = 0
        while not stop.is_set():
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("UPDATE bench_counter SET n = n + 1 WHERE id = %s", [slot])
                if with_audit:
                    audit.append("bench.write", {"writer": slot, "n": n, "note": "并发写入"})
            n += 1
        return n
    finally:
        connections.close_all()


def _writers(count: int, seconds: float, with_audit: bool, processes: bool = False) -> int:
    """Transactions committed by `count` writers in `seconds`: threads of this process, or processes
    (as gunicorn's sync workers are) forked from it."""
    kind = multiprocessing.get_context("fork") if processes else threading
    stop, start = kind.Event(), kind.Barrier(count + 1)
    done = multiprocessing.get_context("fork").Array("q", count) if processes else [0] * count

    def work(slot: int):
        done[slot] = _write(slot, with_audit, start, stop)

    if processes:
        connections.close_all()  # a forked writer opens its own connection
    writers = [
        kind.Process(target=work, args=(slot,)) if processes else threading.Thread(target=work, args=(slot,))
        for slot in range(count)
    ]
    for writer in writers:
        writer.start()
    start.wait()
    time.sleep(seconds)
    stop.set()
    for writer in writers:
        writer.join()
    return sum(done)


@contextlib.contextmanager
def _sequencer(in_process: bool):
    """The sequencer as deployed: woken in the writers' process, or `sequence_audit_log --loop`."""
    settings.AUDIT_SEQUENCER_THREAD = in_process
    if in_process:
        yield
        return
    command = [sys.executable, "manage.py", "sequence_audit_log", "--loop"]  # its default interval
    loop = subprocess.Popen(command, cwd=Path(__file__).resolve().parents[1], stdout=subprocess.DEVNULL)
    try:
        with transaction.atomic():  # measure from the moment it runs: its first pass integrates this
            audit.append("bench.sequencer_ready", {})
        _drained(timeout=120)
        yield
        _drained(timeout=10)  # as deployed, the loop goes on: it integrates what the last round queued
    finally:
        loop.terminate()
        loop.wait(timeout=30)


def _drained(timeout: float) -> None:
    from regulation.models import AuditQueueEntry

    deadline = time.monotonic() + timeout
    while AuditQueueEntry.objects.exists() and time.monotonic() < deadline:
        time.sleep(0.05)


def bench_writers(
    count: int, seconds: float, rounds: int, in_process: bool = False, processes: bool = False
) -> None:
    """Rounds alternate without and with the append, so a change in the machine's load hits both."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_counter (id integer PRIMARY KEY, n bigint NOT NULL)")
        cursor.execute("TRUNCATE bench_counter")
        cursor.execute("INSERT INTO bench_counter SELECT g, 0 FROM generate_series(0, %s) g", [count - 1])
    reset()
    started = timezone.now()
    bare, logged = [], []
    with _sequencer(in_process):
        for _ in range(rounds):
            bare.append(_writers(count, seconds, with_audit=False, processes=processes) / seconds)
            logged.append(_writers(count, seconds, with_audit=True, processes=processes) / seconds)
    delays = _merge_delays(started)
    ratios = sorted(b / a for a, b in zip(bare, logged, strict=True))
    where = "a thread of the writers' process" if in_process else "its own process"
    writers = "processes" if processes else "threads of one process"
    print(
        f"{count} writers ({writers}), {rounds} alternating rounds of {seconds:.0f} s, "
        f"the sequencer in {where}:"
    )
    print(f"  without the audit append: {statistics.median(bare):8.0f} transactions/s (median)")
    print(f"  with the audit append:    {statistics.median(logged):8.0f} transactions/s (median)")
    print(
        f"  ratio per round: {', '.join(f'{r:.2f}' for r in ratios)}; median {statistics.median(ratios):.2f}×"
    )
    if delays:
        q = statistics.quantiles(delays, n=100)
        print(
            f"  merge delay over {len(delays)} entries: p50 {q[49]:.3f} s, p99 {q[98]:.3f} s, "
            f"max {max(delays):.3f} s"
        )
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_counter")


def _merge_delays(since) -> list[float]:
    """Seconds from append to integration, once whatever is still queued has been integrated."""
    if not _has_queue():
        return []  # entries were integrated inside their own transactions: no queue, no delay
    from regulation import sequencer

    sequencer.sequence_pending()
    rows = AuditEntry.objects.filter(created_at__gte=since).values_list("created_at", "sequenced_at")
    return [(sequenced - created).total_seconds() for created, sequenced in rows]


# --- A million entries: proofs and the feed -------------------------------------------------------------


def _copy(table: str, columns: str, rows: io.StringIO) -> None:
    rows.seek(0)
    with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        while data := rows.read(1 << 20):
            copy.write(data)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def bulk_load(count: int, chunk: int = 50_000) -> float:
    started = time.monotonic()
    now = timezone.now()
    stamp = now.isoformat()
    stack: list[tuple[int, bytes]] = []  # the tree's right edge: (level, hash) of its perfect subtrees
    entry_columns = "index, event_type, canonical, leaf_hash, created_at" + (
        ", sequenced_at" if _has_queue() else ""
    )
    tail = f"\t{stamp}\t{stamp}\n" if _has_queue() else f"\t{stamp}\n"
    entries, nodes = io.StringIO(), io.StringIO()
    for index in range(count):
        canonical = signing.canonical_json(
            {
                "index": index,
                "type": "bench.event",
                "at": stamp,
                "data": {"listing": index % 9973, "note": "批量载入"},
            }
        )
        leaf = merkle.leaf_hash(canonical.encode())
        entries.write(f"{index}\tbench.event\t{_escape(canonical)}\t{leaf.hex()}{tail}")
        stack.append((0, leaf))
        while len(stack) > 1 and stack[-1][0] == stack[-2][0]:
            (level, right), (_, left) = stack.pop(), stack.pop()
            parent = merkle.node_hash(left, right)
            stack.append((level + 1, parent))
            nodes.write(f"{level + 1}\t{(index + 1) // (1 << (level + 1)) - 1}\t\\\\x{parent.hex()}\n")
        if (index + 1) % chunk == 0 or index + 1 == count:
            _copy("regulation_auditentry", entry_columns, entries)
            _copy("regulation_auditnode", "level, position, hash", nodes)
            entries, nodes = io.StringIO(), io.StringIO()
            print(f"\rloaded {index + 1}/{count}", end="", flush=True)
    AuditLogHead.objects.filter(pk=1).update(size=count)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE regulation_auditentry; ANALYZE regulation_auditnode")
    print()
    return time.monotonic() - started


def timed(fn, runs):
    fn()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), sorted(samples)[int(0.95 * (len(samples) - 1))]


def bench_proofs(entries: int, runs: int) -> None:
    reset()
    seconds = bulk_load(entries)
    print(f"bulk-loaded {entries} entries with their subtree hashes in {seconds:.0f} s")
    started = time.perf_counter()
    head = audit.publish_tree_head()
    print(f"signed tree head at size {head.tree_size}: {(time.perf_counter() - started) * 1000:.1f} ms")
    size = head.tree_size
    p50, p95 = timed(lambda: audit.inclusion_proof(size // 3, size), runs)
    print(f"inclusion proof at {size} entries: p50 {p50:.2f} ms, p95 {p95:.2f} ms")
    p50, p95 = timed(lambda: audit.consistency_proof(size // 2 + 7, size), runs)
    print(f"consistency proof {size // 2 + 7} → {size}: p50 {p50:.2f} ms, p95 {p95:.2f} ms")
    leaf = bytes.fromhex(AuditEntry.objects.get(index=size // 3).leaf_hash)
    assert merkle.verify_inclusion(
        leaf, size // 3, size, audit.inclusion_proof(size // 3, size), bytes.fromhex(head.root_hash)
    )
    _bench_feed(size, runs)
    TreeHead.objects.all().delete()
    reset()


def _bench_feed(size: int, runs: int) -> None:
    office = SupervisionOffice.objects.first() or SupervisionOffice.objects.create(
        name="bench office", district_id=1
    )
    key = RegulatorClient.new_key()
    RegulatorClient.objects.create(
        name="bench",
        office=office,
        key_prefix=key[:12],
        key_hash=RegulatorClient.hash_key(key),
        scopes=["feed:read"],
    )
    settings.ALLOWED_HOSTS = ["*"]
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    for where in (0, size // 2, size - 100):
        p50, p95 = timed(
            lambda w=where: client.get("/api/regulator/v1/entries", {"after": w, "limit": 100}), runs
        )
        print(f"feed page of 100 entries after index {where}: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    p50, p95 = timed(
        lambda: client.get("/api/regulator/v1/proofs/inclusion", {"index": size // 3, "tree_size": size}),
        runs,
    )
    print(f"inclusion proof through the API: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    RegulatorClient.objects.filter(name="bench").delete()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--part", choices=["writers", "proofs", "all"], default="all")
    parser.add_argument("--writers", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--sequencer",
        choices=["process", "thread"],
        default="process",
        help="its own process (district scale, the default) or a thread woken in the writers' process",
    )
    parser.add_argument(
        "--writers-as",
        choices=["threads", "processes"],
        default="threads",
        help="threads of one process (the default), or processes as gunicorn's sync workers are",
    )
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Point DATABASE_URL at a scratch PostgreSQL database.")
    call_command("migrate", verbosity=0)
    if args.part in ("writers", "all"):
        bench_writers(
            args.writers,
            args.seconds,
            args.rounds,
            in_process=args.sequencer == "thread",
            processes=args.writers_as == "processes",
        )
    if args.part in ("proofs", "all"):
        bench_proofs(args.entries, args.runs)


if __name__ == "__main__":
    main()
