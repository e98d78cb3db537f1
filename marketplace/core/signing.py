"""Ed25519 signatures and the canonical JSON they are made over.

Each signer names the setting holding its key (base64 of a 32-byte seed): appraisal reports use
APPRAISAL_SIGNING_KEY, audit-log tree heads AUDIT_SIGNING_KEY. Public keys are published so anyone
can verify without asking us.
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import lru_cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def canonical_json(payload: dict) -> str:
    """Sorted keys, no insignificant whitespace, UTF-8 kept: the same bytes wherever it is rebuilt."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@lru_cache(maxsize=2)
def _private_key(encoded: str) -> Ed25519PrivateKey:
    try:
        # Accepts standard and URL-safe base64 alike.
        return Ed25519PrivateKey.from_private_bytes(
            base64.b64decode(encoded.replace("-", "+").replace("_", "/"))
        )
    except (ValueError, TypeError):
        raise ImproperlyConfigured("APPRAISAL_SIGNING_KEY must be base64 of a 32-byte Ed25519 seed") from None


def private_key(setting: str) -> Ed25519PrivateKey:
    value = getattr(settings, setting, None)
    if not value:
        raise ImproperlyConfigured(f"{setting} is not set")
    return _private_key(value)


def public_key_pem(setting: str) -> str:
    key = private_key(setting).public_key()
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


def key_id(setting: str) -> str:
    key: Ed25519PublicKey = private_key(setting).public_key()
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def sign(data: bytes, setting: str) -> str:
    return base64.b64encode(private_key(setting).sign(data)).decode()


def verify(data: bytes, signature: str, public_pem: str) -> bool:
    key = serialization.load_pem_public_key(public_pem.encode())
    try:
        key.verify(base64.b64decode(signature), data)
    except (InvalidSignature, ValueError):
        return False
    return True
