"""Appending to the audit log, signing tree heads, serving proofs, verifying the whole log.

`append` must run inside the transaction of the change it records: the entry commits or rolls
back with it, so the log never shows a change that did not happen and never misses one that did.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import time

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from marketplace.core import keys, signing

from . import merkle
from .models import AuditEntry, AuditLogHead, AuditNode, PushDelivery, RegulatorClient, TreeHead

SIGNING_KEY = keys.AUDIT  # the purpose of the registry's key that signs tree heads and pushes


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def append(event_type: str, data: dict) -> AuditEntry:
    """Add one leaf. Serialised on the head row so indexes are gap-free; hashes of the perfect
    subtrees the new leaf completes are stored with it, which keeps proofs O(log n)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit entries are written inside the transaction of the change they record")
    head = AuditLogHead.objects.select_for_update().get(pk=1)
    index = head.size
    now = timezone.now()
    canonical = signing.canonical_json(
        {"index": index, "type": event_type, "at": now.isoformat(), "data": data}
    )
    leaf = merkle.leaf_hash(canonical.encode())
    entry = AuditEntry.objects.create(
        index=index, event_type=event_type, canonical=canonical, leaf_hash=leaf.hex(), created_at=now
    )
    completed = merkle.parents_completed(index)
    lefts = {}
    if completed:
        wanted = Q()
        for level, position in completed:
            wanted |= Q(level=level - 1, position=2 * position)
        lefts = {(n.level, n.position): bytes(n.hash) for n in AuditNode.objects.filter(wanted)}
    nodes = [AuditNode(level=0, position=index, hash=leaf)]
    right = leaf
    for level, position in completed:
        right = merkle.node_hash(lefts[(level - 1, 2 * position)], right)
        nodes.append(AuditNode(level=level, position=position, hash=right))
    AuditNode.objects.bulk_create(nodes)
    head.size = index + 1
    head.save(update_fields=["size"])
    _queue_pushes(entry)
    return entry


def _queue_pushes(entry: AuditEntry) -> None:
    clients = RegulatorClient.objects.filter(revoked_at__isnull=True).exclude(push_url="")
    PushDelivery.objects.bulk_create(
        PushDelivery(
            client=client,
            entry=entry,
            idempotency_key=f"{client.pk}-{entry.index}",
            next_attempt_at=entry.created_at,
        )
        for client in clients
    )


# --- Reading the tree from the store -------------------------------------------------------------


class NodeStore:
    """Subtree hashes from the stored perfect nodes, fetched in one query per proof."""

    def __init__(self):
        self.cache: dict[tuple[int, int], bytes] = {}

    def _keys(self, start: int, end: int) -> list[tuple[int, int]]:
        keys = []
        for a, b in merkle.perfect_ranges(start, end):
            level = (b - a).bit_length() - 1
            keys.append((level, a >> level))
        return keys

    def prefetch(self, ranges: list[tuple[int, int]]) -> None:
        missing = {key for start, end in ranges for key in self._keys(start, end)} - set(self.cache)
        if not missing:
            return
        wanted = Q()
        for level, position in missing:
            wanted |= Q(level=level, position=position)
        for node in AuditNode.objects.filter(wanted):
            self.cache[(node.level, node.position)] = bytes(node.hash)

    def subtree(self, start: int, end: int) -> bytes:
        return merkle.combine([self.cache[key] for key in self._keys(start, end)])


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
    """Sign the current tree. Scheduled at intervals; a head for an unchanged size is not repeated."""
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
