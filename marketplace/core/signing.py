"""Ed25519 signatures, the canonical JSON they are made over, and the pinned key sets they are checked
against.

Nothing here reads the database: a verifier holds a `KeySet` (from a key-set file, a fingerprint it was
given, or this installation's registry in `core.keys`) and refuses any signature made by a key outside it,
by a revoked key, or outside the key's validity. The key inside a signed bundle is never trusted by itself.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

ALGORITHM = "Ed25519"
FINGERPRINT_NOTE = "SHA-256 of the raw 32-byte Ed25519 public key, hex"


def canonical_json(payload: dict) -> str:
    """Sorted keys, no insignificant whitespace, UTF-8 kept: the same bytes wherever it is rebuilt."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _public_key(public_pem: str) -> Ed25519PublicKey:
    key = serialization.load_pem_public_key(public_pem.encode())
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("not an Ed25519 public key")
    return key


def fingerprint(public_pem: str) -> str:
    """SHA-256 of the raw public key, as 64 hex digits: what a verifier pins."""
    raw = _public_key(public_pem).public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def key_id_for(public_pem: str) -> str:
    return fingerprint(public_pem)[:16]


def normalise_fingerprint(text: str) -> str:
    """Accepts `SHA256:AB:CD…`, grouped with spaces or colons, any case."""
    text = text.strip().lower().removeprefix("sha256:").removeprefix("sha-256:")
    return "".join(c for c in text if c in "0123456789abcdef")


def grouped(fingerprint_hex: str) -> str:
    """The fingerprint in groups of four, as printed on reports and the key-set page."""
    return " ".join(fingerprint_hex[i : i + 4] for i in range(0, len(fingerprint_hex), 4))


def verify(data: bytes, signature: str, public_pem: str) -> bool:
    try:
        _public_key(public_pem).verify(base64.b64decode(signature), data)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def _when(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


@dataclass(frozen=True)
class PublishedKey:
    """A public key as a key set publishes it."""

    key_id: str
    purpose: str
    public_key: str
    fingerprint: str
    not_before: dt.datetime | None = None
    not_after: dt.datetime | None = None
    revoked_at: dt.datetime | None = None
    revocation_reason: str = ""

    @property
    def status(self) -> str:
        if self.revoked_at is not None:
            return "revoked"
        return "retired" if self.not_after is not None else "active"

    def as_json(self) -> dict:
        return {
            "key_id": self.key_id,
            "purpose": self.purpose,
            "algorithm": ALGORITHM,
            "public_key": self.public_key,
            "fingerprint_sha256": self.fingerprint,
            "not_before": self.not_before.isoformat() if self.not_before else None,
            "not_after": self.not_after.isoformat() if self.not_after else None,
            "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
            "revocation_reason": self.revocation_reason,
            "status": self.status,
        }

    @classmethod
    def from_json(cls, data: dict) -> PublishedKey:
        """Fingerprint and id are computed from the PEM, never taken on trust from the document."""
        pem = data["public_key"]
        computed = fingerprint(pem)
        stated = normalise_fingerprint(data.get("fingerprint_sha256") or computed)
        if stated != computed:
            raise ValueError(
                f"key {data.get('key_id')}: the stated fingerprint does not match its public key"
            )
        return cls(
            key_id=computed[:16],
            purpose=data.get("purpose", ""),
            public_key=pem,
            fingerprint=computed,
            not_before=_when(data.get("not_before")),
            not_after=_when(data.get("not_after")),
            revoked_at=_when(data.get("revoked_at")),
            revocation_reason=data.get("revocation_reason", ""),
        )

    @classmethod
    def from_pem(cls, pem: str, *, purpose: str = "") -> PublishedKey:
        computed = fingerprint(pem)
        return cls(key_id=computed[:16], purpose=purpose, public_key=pem, fingerprint=computed)


class KeySet:
    """The keys a verifier trusts, by id. Anything signed by another key is refused."""

    def __init__(self, keys: Iterable[PublishedKey]):
        self.keys = {key.key_id: key for key in keys}

    @classmethod
    def from_document(cls, document: dict) -> KeySet:
        return cls(PublishedKey.from_json(item) for item in document.get("keys", []))

    def document(self) -> dict:
        return {"fingerprint": FINGERPRINT_NOTE, "keys": [key.as_json() for key in self.keys.values()]}

    def only(self, fingerprints: Iterable[str]) -> KeySet:
        wanted = {normalise_fingerprint(f) for f in fingerprints}
        return KeySet(key for key in self.keys.values() if key.fingerprint in wanted)

    def for_purpose(self, purpose: str) -> KeySet:
        return KeySet(key for key in self.keys.values() if key.purpose in (purpose, ""))

    def __len__(self) -> int:
        return len(self.keys)

    def check(
        self, key_id: str, *, purpose: str, signed_at: dt.datetime | None
    ) -> tuple[str | None, list[str]]:
        """The PEM to verify with, or the reasons this key may not be relied on for that signature."""
        key = self.keys.get(key_id or "")
        if key is None or key.purpose not in (purpose, ""):
            return None, [f"signed with key {key_id}, which is not one of the pinned keys"]
        if key.revoked_at is not None:
            reason = f": {key.revocation_reason}" if key.revocation_reason else ""
            return None, [f"signed with key {key_id}, revoked on {key.revoked_at:%Y-%m-%d}{reason}"]
        if signed_at is not None and (
            (key.not_before is not None and signed_at < key.not_before)
            or (key.not_after is not None and signed_at > key.not_after)
        ):
            return None, [f"signed at {signed_at.isoformat()}, outside the validity of key {key_id}"]
        return key.public_key, []
