#!/usr/bin/env python3
"""Verify the marketplace's audit log from outside, with nothing but its public key and its API.

    python3 tools/verify_audit_log.py https://market.example/api/regulator/v1 --key KEY [--public-key key.pem]

Checks: every leaf's hash, gap-free indexes, every signed tree head's signature and root, and the
consistency proofs between successive heads (RFC 9162). Needs Python 3.11 and `cryptography`.
Deliberately standalone: it shares no code with the server it checks.
"""

import argparse
import base64
import hashlib
import json
import sys
import urllib.request
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.serialization import load_pem_public_key


def sha(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def leaf_hash(data: bytes) -> bytes:
    return sha(b"\x00" + data)


def node(left: bytes, right: bytes) -> bytes:
    return sha(b"\x01" + left + right)


def root(leaves: list[bytes]) -> bytes:
    if not leaves:
        return sha(b"")
    if len(leaves) == 1:
        return leaves[0]
    k = 1 << ((len(leaves) - 1).bit_length() - 1)
    return node(root(leaves[:k]), root(leaves[k:]))


def verify_consistency(first, second, first_root, second_root, path):  # RFC 9162 §2.1.4.2
    if first == second:
        return not path and first_root == second_root
    if first & (first - 1) == 0:
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
            fr, sr = node(c, fr), node(c, sr)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == first_root and sr == second_root and sn == 0


def get(base: str, path: str, key: str | None) -> dict:
    request = urllib.request.Request(  # noqa: S310
        base.rstrip("/") + path, headers={"Authorization": f"Bearer {key}"} if key else {}
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - the URL the user gave
        return json.loads(response.read())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("api")
    parser.add_argument("--key", required=True, help="API key with the feed:read scope")
    parser.add_argument("--public-key", help="PEM file; by default fetched from the API")
    args = parser.parse_args()
    pem = (
        Path(args.public_key).read_text()
        if args.public_key
        else get(args.api, "/public-key", None)["public_key"]
    )
    public_key = load_pem_public_key(pem.encode())
    problems, leaves, after = [], [], -1
    while True:
        page = get(args.api, f"/entries?after={after}&limit=500", args.key)
        for entry in page["entries"]:
            leaf = leaf_hash(entry["leaf"].encode())
            if entry["index"] != len(leaves) or json.loads(entry["leaf"])["index"] != len(leaves):
                problems.append(f"entry {entry['index']} out of order")
            if base64.b64encode(leaf).decode() != entry["leaf_hash"]:
                problems.append(f"entry {entry['index']}: content does not match its hash")
            leaves.append(leaf)
        if page["next_after"] is None:
            break
        after = page["next_after"]
    heads = get(args.api, "/tree-heads?after=-1", args.key)["tree_heads"]
    for head in heads:
        statement = json.dumps(
            {
                "log_id": head["log_id"],
                "sha256_root_hash": head["sha256_root_hash"],
                "timestamp": head["timestamp"],
                "tree_size": head["tree_size"],
            },
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
        )
        try:
            public_key.verify(base64.b64decode(head["signature"]), statement.encode())
        except InvalidSignature:
            problems.append(f"tree head {head['tree_size']}: bad signature")
        size = head["tree_size"]
        if size > len(leaves) or base64.b64encode(root(leaves[:size])).decode() != head["sha256_root_hash"]:
            problems.append(f"tree head {size}: root does not match the entries")
    for older, newer in zip(heads, heads[1:], strict=False):
        if older["tree_size"] in (0, newer["tree_size"]):
            continue
        proof = get(
            args.api, f"/proofs/consistency?first={older['tree_size']}&second={newer['tree_size']}", args.key
        )
        path = [base64.b64decode(h) for h in proof["consistency"]]
        if not verify_consistency(
            older["tree_size"],
            newer["tree_size"],
            base64.b64decode(older["sha256_root_hash"]),
            base64.b64decode(newer["sha256_root_hash"]),
            path,
        ):
            problems.append(f"heads {older['tree_size']} → {newer['tree_size']} are not consistent")
    for problem in problems:
        print(f"FAILED: {problem}", file=sys.stderr)
    print(
        f"{len(leaves)} entries, {len(heads)} signed tree heads: {'NOT VERIFIED' if problems else 'verified'}"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
