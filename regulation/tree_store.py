"""Subtree hashes of the stored tree, for proofs and for the sequencer's right edge.

Perfect, aligned subtrees above the leaves are stored as `AuditNode` rows. A leaf's hash is stored once,
with its entry: a second copy as a node was a third of the sequencer's writes per entry.
"""

from __future__ import annotations

from django.db import connection

from . import merkle
from .models import AuditEntry


def key(start: int, end: int) -> tuple[int, int]:
    """(level, position) of the perfect, aligned range [start, end)."""
    level = (end - start).bit_length() - 1
    return level, start >> level


class NodeStore:
    """Subtree hashes fetched in at most two queries per proof: the nodes, and the leaves."""

    def __init__(self):
        self.cache: dict[tuple[int, int], bytes] = {}

    def _keys(self, start: int, end: int) -> list[tuple[int, int]]:
        return [key(a, b) for a, b in merkle.perfect_ranges(start, end)]

    def prefetch(self, ranges: list[tuple[int, int]]) -> None:
        missing = sorted({k for start, end in ranges for k in self._keys(start, end)} - set(self.cache))
        leaves = [position for level, position in missing if level == 0]
        nodes = [k for k in missing if k[0] > 0]
        if leaves:
            for index, value in AuditEntry.objects.filter(index__in=leaves).values_list("index", "leaf_hash"):
                self.cache[(0, index)] = bytes.fromhex(value)
        if nodes:
            # One row-value IN over the (level, position) index; an ORM OR of ~40 pairs costs more to build.
            pairs = ", ".join(["(%s, %s)"] * len(nodes))
            sql = (
                f"SELECT level, position, hash FROM regulation_auditnode WHERE (level, position) IN ({pairs})"  # noqa: S608 - placeholders only  # nosec B608 - no value is formatted in
            )
            with connection.cursor() as cursor:
                cursor.execute(sql, [value for pair in nodes for value in pair])
                for level, position, value in cursor.fetchall():
                    self.cache[(level, position)] = bytes(value)

    def subtree(self, start: int, end: int) -> bytes:
        return merkle.combine([self.cache[k] for k in self._keys(start, end)])


def right_edge(size: int) -> list[tuple[int, bytes]]:
    """(level, hash) of the perfect subtrees the tree of `size` leaves is made of, left to right."""
    ranges = merkle.perfect_ranges(0, size) if size else []
    store = NodeStore()
    store.prefetch(ranges)
    return [(key(a, b)[0], store.subtree(a, b)) for a, b in ranges]
