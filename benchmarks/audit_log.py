"""Audit log at scale: appends per second through the real `append`, proof generation with 1,000,000
entries, and the latency of a feed page through the API.

    scripts/bench-audit            # starts PostgreSQL, then runs this against a scratch database
    .venv/bin/python benchmarks/audit_log.py --entries 1000000 --appends 3000

The million entries are loaded in bulk (leaves and perfect-subtree hashes computed here with the
same functions); appends are measured separately, one transaction each, as the site makes them.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.dev")
os.environ["DEBUG"] = "false"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from marketplace.core import signing  # noqa: E402
from marketplace.geography.models import SupervisionOffice  # noqa: E402
from regulation import audit, merkle  # noqa: E402
from regulation.models import (  # noqa: E402
    AuditEntry,
    AuditLogHead,
    AuditNode,
    RegulatorClient,
    TreeHead,
)


def reset():
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE regulation_pushdelivery, regulation_auditentry, regulation_auditnode, "
            "regulation_treehead"
        )
    AuditLogHead.objects.update_or_create(pk=1, defaults={"size": 0})


def bulk_load(count: int, chunk: int = 20_000) -> float:
    started = time.monotonic()
    now = timezone.now()
    stamp = now.isoformat()
    pending: dict[tuple[int, int], bytes] = {}
    entries, nodes = [], []
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
        entries.append(
            AuditEntry(
                index=index,
                event_type="bench.event",
                canonical=canonical,
                leaf_hash=leaf.hex(),
                created_at=now,
            )
        )
        nodes.append(AuditNode(level=0, position=index, hash=leaf))
        pending[(0, index)] = leaf
        right = leaf
        for level, position in merkle.parents_completed(index):
            right = merkle.node_hash(pending.pop((level - 1, 2 * position)), right)
            pending.pop((level - 1, 2 * position + 1), None)
            nodes.append(AuditNode(level=level, position=position, hash=right))
            pending[(level, position)] = right
        if len(entries) >= chunk:
            AuditEntry.objects.bulk_create(entries)
            AuditNode.objects.bulk_create(nodes)
            entries, nodes = [], []
            print(f"\rloaded {index + 1}/{count}", end="", flush=True)
    AuditEntry.objects.bulk_create(entries)
    AuditNode.objects.bulk_create(nodes)
    AuditLogHead.objects.filter(pk=1).update(size=count)
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--appends", type=int, default=3_000)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Point DATABASE_URL at a scratch PostgreSQL database.")
    call_command("migrate", verbosity=0)
    reset()

    started = time.monotonic()
    for n in range(args.appends):
        with transaction.atomic():
            audit.append("bench.append", {"n": n, "reason": "基准测试"})
    elapsed = time.monotonic() - started
    print(
        f"append (one transaction each): {args.appends / elapsed:.0f} entries/s "
        f"({elapsed:.1f} s for {args.appends})"
    )

    reset()
    seconds = bulk_load(args.entries)
    print(f"bulk-loaded {args.entries} entries with their subtree hashes in {seconds:.0f} s")
    started = time.perf_counter()
    head = audit.publish_tree_head()
    print(f"signed tree head at size {head.tree_size}: {(time.perf_counter() - started) * 1000:.1f} ms")
    size = head.tree_size
    p50, p95 = timed(lambda: audit.inclusion_proof(size // 3, size), args.runs)
    print(f"inclusion proof at {size} entries: p50 {p50:.2f} ms, p95 {p95:.2f} ms")
    p50, p95 = timed(lambda: audit.consistency_proof(size // 2 + 7, size), args.runs)
    print(f"consistency proof {size // 2 + 7} → {size}: p50 {p50:.2f} ms, p95 {p95:.2f} ms")
    leaf = bytes.fromhex(AuditEntry.objects.get(index=size // 3).leaf_hash)
    assert merkle.verify_inclusion(
        leaf, size // 3, size, audit.inclusion_proof(size // 3, size), bytes.fromhex(head.root_hash)
    )

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
            lambda w=where: client.get("/api/regulator/v1/entries", {"after": w, "limit": 100}), args.runs
        )
        print(f"feed page of 100 entries after index {where}: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    p50, p95 = timed(
        lambda: client.get("/api/regulator/v1/proofs/inclusion", {"index": size // 3, "tree_size": size}),
        args.runs,
    )
    print(f"inclusion proof through the API: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    TreeHead.objects.all().delete()
    reset()


if __name__ == "__main__":
    main()
