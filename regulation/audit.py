"""Appending to the audit log, signing tree heads, serving proofs, verifying the whole log.

`append` must run inside the transaction of the change it records: the queued entry commits or rolls
back with it, so the log never shows a change that did not happen and never misses one that did. The
sequencer (`sequencer.py`) then integrates committed entries into the tree.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import time

from django.conf import settings
from django.db import transaction

from marketplace.core import keys, signing

from . import merkle, sequencer
from .models import AuditEntry, AuditLogHead, TreeHead
from .tree_store import NodeStore

SIGNING_KEY = keys.AUDIT  # the purpose of the registry's key that signs tree heads and pushes


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def append(event_type: str, data: dict) -> AuditEntry | None:
    """Record one event in the transaction of its change: queued for the sequencer, which gives it its
    index and hashes shortly after commit (within the published maximum merge delay). Writers take no
    shared lock. Where entries are integrated in the writer's transaction, the entry is returned."""
    writer = transaction.get_connection()
    if not writer.in_atomic_block:
        raise RuntimeError("audit entries are written inside the transaction of the change they record")
    if sequencer.in_writer_transaction():
        return sequencer.integrate_in_transaction(event_type, data)
    sequencer.enqueue(event_type, data, writer)
    return None


# --- Reading the tree from the store -------------------------------------------------------------


def _with_store(build):
    """Run a proof builder twice: once to learn the ranges it needs, then with them fetched."""
    needed: list[tuple[int, int]] = []
    build(lambda start, end: needed.append((start, end)) or b"\0" * 32)
    store = NodeStore()
    store.prefetch(needed)
    return build(store.subtree)


def root_at(size: int) -> bytes:
    if size == 0:
        return merkle.EMPTY_ROOT
    store = NodeStore()
    store.prefetch([(0, size)])
    return store.subtree(0, size)


def inclusion_proof(index: int, size: int) -> list[bytes]:
    return _with_store(lambda subtree: merkle.inclusion_path(index, size, subtree))


def consistency_proof(first: int, second: int) -> list[bytes]:
    return _with_store(lambda subtree: merkle.consistency_path(first, second, subtree))


# --- Signed tree heads ---------------------------------------------------------------------------------


def head_statement(*, tree_size: int, root_hash: bytes, timestamp: int) -> str:
    return signing.canonical_json(
        {
            "log_id": settings.AUDIT_LOG_ID,
            "tree_size": tree_size,
            "sha256_root_hash": b64(root_hash),
            "timestamp": timestamp,
        }
    )


def publish_tree_head() -> TreeHead:
    """Sign the tree with everything committed so far integrated. Scheduled at intervals; a head for an
    unchanged size is not repeated."""
    sequencer.sequence_pending()
    with transaction.atomic():
        size = AuditLogHead.objects.select_for_update().get(pk=1).size
        latest = TreeHead.objects.order_by("-tree_size", "-timestamp").first()
        if latest is not None and latest.tree_size == size:
            return latest
        root_hash = root_at(size)
        key = keys.current(SIGNING_KEY)  # taken before the timestamp, which must fall inside its validity
        timestamp = int(time.time() * 1000)
        statement = head_statement(tree_size=size, root_hash=root_hash, timestamp=timestamp)
        return TreeHead.objects.create(
            tree_size=size,
            root_hash=root_hash.hex(),
            timestamp=timestamp,
            canonical=statement,
            signature=keys.sign(statement.encode(), SIGNING_KEY, key=key).value,
            key_id=key.key_id,
        )


def tree_head_json(head: TreeHead) -> dict:
    return {
        "tree_size": head.tree_size,
        "timestamp": head.timestamp,
        "sha256_root_hash": b64(bytes.fromhex(head.root_hash)),
        "signature": head.signature,
        "key_id": head.key_id,
        "log_id": settings.AUDIT_LOG_ID,
    }


def entry_json(entry: AuditEntry) -> dict:
    return {"index": entry.index, "leaf": entry.canonical, "leaf_hash": b64(bytes.fromhex(entry.leaf_hash))}


# --- Verifying the whole log (manage.py verify_audit_log) ------------------------------------------------


def head_signed_at(head: dict) -> dt.datetime:
    return dt.datetime.fromtimestamp(head["timestamp"] / 1000, tz=dt.UTC)


def verify_log(entries: list[dict], heads: list[dict], keyset: signing.KeySet) -> list[str]:
    """Problems found: leaves out of order, missing, edited (hash or content), or any signed head whose
    root cannot be rebuilt from the leaves, or that was signed by a key outside the pinned `keyset`
    (unknown, revoked, or outside its validity). The same checks the standalone script makes.

    An entry withheld from a district-scoped reader (`leaf` is null) counts by its leaf hash alone."""
    problems = []
    leaves = []
    for position, entry in enumerate(entries):
        withheld = entry.get("leaf") is None
        claimed = entry.get("index") if withheld else json.loads(entry["leaf"]).get("index")
        if claimed != position or entry.get("index") != position:
            problems.append(f"entry at position {position} claims index {entry.get('index')}")
        if withheld:
            leaves.append(base64.b64decode(entry["leaf_hash"]))
            continue
        leaf = merkle.leaf_hash(entry["leaf"].encode())
        if b64(leaf) != entry["leaf_hash"]:
            problems.append(f"entry {position}: content does not match its leaf hash")
        leaves.append(leaf)
    for head in heads:
        statement = head_statement(
            tree_size=head["tree_size"],
            root_hash=base64.b64decode(head["sha256_root_hash"]),
            timestamp=head["timestamp"],
        )
        public_key, refused = keyset.check(
            head.get("key_id", ""), purpose=SIGNING_KEY, signed_at=head_signed_at(head)
        )
        problems += [f"tree head {head['tree_size']}: {reason}" for reason in refused]
        if public_key is not None and not signing.verify(statement.encode(), head["signature"], public_key):
            problems.append(f"tree head {head['tree_size']}: bad signature")
        if head["tree_size"] > len(leaves):
            problems.append(f"tree head {head['tree_size']}: entries are missing")
        elif b64(merkle.root(leaves[: head["tree_size"]])) != head["sha256_root_hash"]:
            problems.append(f"tree head {head['tree_size']}: root does not match the entries")
    return problems


def export_for_verification() -> tuple[list[dict], list[dict]]:
    entries = [entry_json(e) for e in AuditEntry.objects.order_by("index").iterator(chunk_size=5000)]
    heads = [tree_head_json(h) for h in TreeHead.objects.order_by("tree_size", "timestamp")]
    return entries, heads


def pseudonym(user) -> str:
    """A stable, keyed pseudonym for a person, so the bureau can link events without seeing who it is."""
    from marketplace.accounts import personal_data

    return personal_data.keyed_hash(f"audit-user:{user.pk}")[:32]
