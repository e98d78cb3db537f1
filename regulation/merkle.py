"""Merkle tree hashing, audit paths and consistency proofs as in RFC 9162 §2.1 (Certificate Transparency).

Pure functions over leaf hashes. `subtree(start, end)` can be served from stored hashes of
perfect, aligned subtrees: every range the RFC's recursion visits splits into O(log n) of them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

LEAF_PREFIX, NODE_PREFIX = b"\x00", b"\x01"
EMPTY_ROOT = hashlib.sha256(b"").digest()


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(LEAF_PREFIX + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(NODE_PREFIX + left + right).digest()


def split(n: int) -> int:
    """The largest power of two smaller than n (n > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


# --- Building from an in-memory list (reference implementation, used by verifiers) ----------------


def root(leaves: Sequence[bytes]) -> bytes:
    """MTH(D[n]) over leaf hashes."""
    n = len(leaves)
    if n == 0:
        return EMPTY_ROOT
    if n == 1:
        return leaves[0]
    k = split(n)
    return node_hash(root(leaves[:k]), root(leaves[k:]))


# --- Perfect subtrees: what a store keeps, and how any range decomposes into them -----------------


def perfect_ranges(start: int, end: int) -> list[tuple[int, int]]:
    """The aligned power-of-two ranges MTH(D[start:end]) is made of, left to right.

    MTH(D[a:b]) = node(MTH(D[a:a+k]), MTH(D[a+k:b])) with k the largest power of two < b − a, and
    the left part is always perfect and aligned; so the ranges are right-nested.
    """
    ranges = []
    while end - start > 1 and (end - start) & (end - start - 1):
        k = split(end - start)
        ranges.append((start, start + k))
        start += k
    ranges.append((start, end))
    return ranges


def combine(hashes: list[bytes]) -> bytes:
    """Fold the hashes of `perfect_ranges` back into the range's MTH (right-nested)."""
    result = hashes[-1]
    for left in reversed(hashes[:-1]):
        result = node_hash(left, result)
    return result


def parents_completed(index: int) -> list[tuple[int, int]]:
    """(level, position) of every perfect subtree that leaf `index` completes, lowest first."""
    completed = []
    level = 1
    while (index + 1) % (1 << level) == 0:
        completed.append((level, (index + 1) // (1 << level) - 1))
        level += 1
    return completed


Subtree = Callable[[int, int], bytes]


# --- Proofs (RFC 9162 §2.1.3.1 and §2.1.4.1) ---------------------------------------------------------


def inclusion_path(index: int, size: int, subtree: Subtree) -> list[bytes]:
    """PATH(m, D[n]) for leaf `index` in a tree of `size` leaves, leaf sibling first."""
    if not 0 <= index < size:
        raise ValueError("index out of range")
    path: list[bytes] = []
    start, end = 0, size
    while end - start > 1:
        k = split(end - start)
        if index < start + k:
            path.append(subtree(start + k, end))
            end = start + k
        else:
            path.append(subtree(start, start + k))
            start += k
    return list(reversed(path))


def consistency_path(first: int, second: int, subtree: Subtree) -> list[bytes]:
    """PROOF(m, D[n]) that the tree of `first` leaves is a prefix of the tree of `second` leaves."""
    if not 0 < first <= second:
        raise ValueError("need 0 < first <= second")
    if first == second:
        return []

    def subproof(m: int, start: int, end: int, whole: bool) -> list[bytes]:
        n = end - start
        if m == n:
            return [] if whole else [subtree(start, end)]
        k = split(n)
        if m <= k:
            return subproof(m, start, start + k, whole) + [subtree(start + k, end)]
        return subproof(m - k, start + k, end, False) + [subtree(start, start + k)]

    return subproof(first, 0, second, True)


# --- Verification (RFC 9162 §2.1.3.2 and §2.1.4.2) ---------------------------------------------------


def verify_inclusion(leaf: bytes, index: int, size: int, path: list[bytes], expected_root: bytes) -> bool:
    if not 0 <= index < size:  # indexes are unsigned in RFC 9162
        return False
    fn, sn = index, size - 1
    r = leaf
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == expected_root


def verify_consistency(
    first: int, second: int, first_root: bytes, second_root: bytes, path: list[bytes]
) -> bool:
    if first == second:
        return not path and first_root == second_root
    if first <= 0 or first > second or not path:
        return False
    if first & (first - 1) == 0:  # a power of two: the first root is itself the first node
        path = [first_root, *path]
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == first_root and sr == second_root and sn == 0
