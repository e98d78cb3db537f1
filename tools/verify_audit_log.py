#!/usr/bin/env python3
"""Verify the marketplace's audit log from outside, with nothing but its API and a key you pinned.

    python3 tools/verify_audit_log.py https://market.example/api/regulator/v1 --key KEY \
        (--key-fingerprint SHA256 [--key-fingerprint …] | --keyset keys.json | --public-key key.pem)

Checks: every leaf's hash, gap-free indexes, every signed tree head's signature and root, and the
consistency proofs between successive heads (RFC 9162). A head signed by a key you did not pin, by a
revoked key, or outside its key's validity is refused. Fingerprints are SHA-256 of the raw Ed25519 public
key, as published on the site's key page and printed on its reports. Entries of other districts than your
office's come withheld (leaf hash only): they count in the tree, their content is not shown.
Needs Python 3.11 and `cryptography`. Deliberately standalone: it shares no code with the server it checks.
"""

import argparse
import base64
import datetime as dt
import hashlib
import json
import sys
import urllib.parse
import urllib.request
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat, load_pem_public_key


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


def get(base: str, path: str, key: str | None, **params) -> dict:
    query = ("?" + urllib.parse.urlencode(params)) if params else ""
    request = urllib.request.Request(  # noqa: S310
        base.rstrip("/") + path + query, headers={"Authorization": f"Bearer {key}"} if key else {}
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - the URL the user gave  # nosec B310 - an http(s) URL given by the operator
        return json.loads(response.read())


def every(base: str, path: str, field: str, key: str) -> list[dict]:
    """All pages of a listing: follow `next_after` until the server says there is no more."""
    items, after = [], -1
    while after is not None:
        page = get(base, path, key, after=after)
        items += page[field]
        after = page.get("next_after")
    return items


def when(value):
    return dt.datetime.fromisoformat(value) if value else None


def fingerprint(pem: str) -> str:
    raw = load_pem_public_key(pem.encode()).public_bytes(Encoding.Raw, PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def normalise(text: str) -> str:
    text = text.strip().lower().removeprefix("sha256:").removeprefix("sha-256:")
    return "".join(c for c in text if c in "0123456789abcdef")


def pinned_keys(args) -> dict[str, dict]:
    """key id → {pem, not_before, not_after, revoked_at, reason}, for the keys the user pinned only.
    Ids and fingerprints are computed here from the PEM, never taken from the server."""
    if args.public_key:
        published = [{"public_key": Path(args.public_key).read_text()}]
    elif args.keyset:
        published = json.loads(Path(args.keyset).read_text(encoding="utf-8"))["keys"]
    else:
        published = get(args.api, "/public-key", None).get("keys", [])
    wanted = {normalise(f) for f in args.key_fingerprint or []}
    pinned = {}
    for item in published:
        if item.get("purpose", "audit") != "audit":
            continue
        computed = fingerprint(item["public_key"])
        if args.keyset and normalise(item.get("fingerprint_sha256") or computed) != computed:
            raise SystemExit(f"the key set states a wrong fingerprint for key {item.get('key_id')}")
        if args.key_fingerprint and computed not in wanted:
            continue
        pinned[computed[:16]] = {
            "pem": item["public_key"],
            "not_before": when(item.get("not_before")),
            "not_after": when(item.get("not_after")),
            "revoked_at": when(item.get("revoked_at")),
            "reason": item.get("revocation_reason", ""),
        }
    return pinned


def check_head_key(head: dict, pinned: dict[str, dict]) -> tuple[str | None, str | None]:
    """The PEM to verify this head with, or why its key may not be relied on."""
    key = pinned.get(head.get("key_id", ""))
    if key is None:
        return None, f"signed with key {head.get('key_id')}, which is not one of the pinned keys"
    if key["revoked_at"] is not None:
        reason = f": {key['reason']}" if key["reason"] else ""
        return None, f"signed with key {head['key_id']}, revoked on {key['revoked_at']:%Y-%m-%d}{reason}"
    signed_at = dt.datetime.fromtimestamp(head["timestamp"] / 1000, tz=dt.UTC)
    if (key["not_before"] and signed_at < key["not_before"]) or (
        key["not_after"] and signed_at > key["not_after"]
    ):
        return None, f"signed at {signed_at.isoformat()}, outside the validity of key {head['key_id']}"
    return key["pem"], None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("api")
    parser.add_argument("--key", required=True, help="API key with the feed:read scope")
    pin = parser.add_mutually_exclusive_group(required=True)
    pin.add_argument("--key-fingerprint", action="append", help="SHA-256 fingerprint of a key to accept")
    pin.add_argument("--keyset", help="key-set file saved from the site's /keys.json")
    pin.add_argument("--public-key", help="PEM file of the one key to accept")
    args = parser.parse_args()
    pinned = pinned_keys(args)
    problems, leaves, withheld = [], [], 0
    for entry in every(args.api, "/entries", "entries", args.key):
        position = len(leaves)
        if entry["leaf"] is None:  # another district's entry: its hash only
            withheld += 1
            if entry["index"] != position:
                problems.append(f"entry {entry['index']} out of order")
            leaves.append(base64.b64decode(entry["leaf_hash"]))
            continue
        leaf = leaf_hash(entry["leaf"].encode())
        if entry["index"] != position or json.loads(entry["leaf"])["index"] != position:
            problems.append(f"entry {entry['index']} out of order")
        if base64.b64encode(leaf).decode() != entry["leaf_hash"]:
            problems.append(f"entry {entry['index']}: content does not match its hash")
        leaves.append(leaf)
    heads = every(args.api, "/tree-heads", "tree_heads", args.key)
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
        pem, refused = check_head_key(head, pinned)
        if refused:
            problems.append(f"tree head {head['tree_size']}: {refused}")
        else:
            try:
                load_pem_public_key(pem.encode()).verify(
                    base64.b64decode(head["signature"]), statement.encode()
                )
            except (InvalidSignature, ValueError):
                problems.append(f"tree head {head['tree_size']}: bad signature")
        size = head["tree_size"]
        if size > len(leaves) or base64.b64encode(root(leaves[:size])).decode() != head["sha256_root_hash"]:
            problems.append(f"tree head {size}: root does not match the entries")
    for older, newer in zip(heads, heads[1:], strict=False):
        if older["tree_size"] in (0, newer["tree_size"]):
            continue
        proof = get(
            args.api, "/proofs/consistency", args.key, first=older["tree_size"], second=newer["tree_size"]
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
    counted = f"{len(leaves)} entries" + (f" ({withheld} withheld: other districts)" if withheld else "")
    print(f"{counted}, {len(heads)} signed tree heads: {'NOT VERIFIED' if problems else 'verified'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
