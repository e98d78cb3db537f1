"""The registry of signing keys: which key signs now, rotation, revocation, and the published key set.

Each purpose starts from the seed in its setting (APPRAISAL_SIGNING_KEY, AUDIT_SIGNING_KEY: base64 of a
32-byte Ed25519 seed); that key is registered on first use and signs until `manage.py rotate_signing_key`
replaces it. New keys are generated here and their private part is stored wrapped (AES-256-GCM under a
key derived from the purpose's setting), so a copy of the database alone signs nothing. A retired key
loses its private part and keeps its public one: what it signed still verifies.
"""

from __future__ import annotations

import base64
import datetime as dt
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import signing
from .models import SigningKey

APPRAISAL = SigningKey.Purpose.APPRAISAL
AUDIT = SigningKey.Purpose.AUDIT
SETTINGS = {APPRAISAL: "APPRAISAL_SIGNING_KEY", AUDIT: "AUDIT_SIGNING_KEY"}
# A signer takes its key before it stamps the time it signs at; the retired key stays valid this much
# longer, so a signature begun just before a rotation is not dated outside its key.
ROTATION_GRACE = dt.timedelta(minutes=5)


class SigningKeyError(ImproperlyConfigured):
    """A signing key that cannot be used: missing setting, unwrappable, unknown."""


def _purpose(purpose: str) -> str:
    if purpose not in SETTINGS:
        raise SigningKeyError(f"unknown signing purpose {purpose!r}")
    return purpose


def _seed(purpose: str) -> bytes:
    value = getattr(settings, SETTINGS[purpose], None)
    if not value:
        raise SigningKeyError(f"{SETTINGS[purpose]} is not set")
    try:
        seed = base64.b64decode(value.replace("-", "+").replace("_", "/"))
    except (ValueError, TypeError):
        seed = b""
    if len(seed) != 32:
        raise SigningKeyError(f"{SETTINGS[purpose]} must be base64 of a 32-byte Ed25519 seed")
    return seed


def _wrapper(purpose: str) -> AESGCM:
    kek = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"signing-key-wrap:" + purpose.encode())
    return AESGCM(kek.derive(_seed(purpose)))


def _raw(private: Ed25519PrivateKey) -> bytes:
    return private.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )


def _pem(private: Ed25519PrivateKey) -> str:
    return (
        private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def _wrap(purpose: str, key_id: str, private: Ed25519PrivateKey) -> str:
    nonce = os.urandom(12)
    sealed = _wrapper(purpose).encrypt(nonce, _raw(private), key_id.encode())
    return base64.b64encode(nonce + sealed).decode()


_unwrapped: dict[tuple[str, str], Ed25519PrivateKey] = {}


def _private(key: SigningKey) -> Ed25519PrivateKey:
    if not key.wrapped_private_key:
        raise SigningKeyError(f"signing key {key.key_id} is {status(key)} and signs nothing any more")
    cache_key = (key.key_id, key.wrapped_private_key)
    if cache_key not in _unwrapped:
        blob = base64.b64decode(key.wrapped_private_key)
        try:
            raw = _wrapper(key.purpose).decrypt(blob[:12], blob[12:], key.key_id.encode())
        except InvalidTag:
            raise SigningKeyError(
                f"signing key {key.key_id} was stored under a different {SETTINGS[key.purpose]}; "
                "restore that setting or run `manage.py rotate_signing_key`"
            ) from None
        _unwrapped[cache_key] = Ed25519PrivateKey.from_private_bytes(raw)
    return _unwrapped[cache_key]


def _register(purpose: str, private: Ed25519PrivateKey, *, not_before: dt.datetime | None) -> SigningKey:
    pem = _pem(private)
    key_id = signing.key_id_for(pem)
    return SigningKey.objects.create(
        purpose=purpose,
        key_id=key_id,
        public_key=pem,
        fingerprint=signing.fingerprint(pem),
        wrapped_private_key=_wrap(purpose, key_id, private),
        not_before=not_before,
    )


def status(key: SigningKey) -> str:
    if key.revoked_at is not None:
        return "revoked"
    return "retired" if key.not_after is not None else "active"


def current(purpose: str) -> SigningKey:
    """The key that signs for `purpose` now. The first call registers the key of the setting."""
    purpose = _purpose(purpose)
    in_use = SigningKey.objects.filter(purpose=purpose, not_after__isnull=True, revoked_at__isnull=True)
    key = in_use.first()
    if key is not None:
        return key
    if SigningKey.objects.filter(purpose=purpose).exists():
        raise SigningKeyError(
            f"no {purpose} signing key in use; run `manage.py rotate_signing_key {purpose}`"
        )
    try:
        with transaction.atomic():
            return _register(purpose, Ed25519PrivateKey.from_private_bytes(_seed(purpose)), not_before=None)
    except IntegrityError:  # registered at the same moment by another process
        return in_use.get()


@dataclass(frozen=True)
class Signature:
    value: str  # base64
    key: SigningKey


def sign(data: bytes, purpose: str, *, key: SigningKey | None = None) -> Signature:
    """Sign with `key` (taken from `current` before the signing time was stamped) or the current key."""
    key = key or current(purpose)
    if key.purpose != purpose:
        raise SigningKeyError(f"key {key.key_id} signs {key.purpose}, not {purpose}")
    return Signature(base64.b64encode(_private(key).sign(data)).decode(), key)


def rotate(purpose: str, *, now: dt.datetime | None = None) -> tuple[SigningKey, SigningKey]:
    """Retire the key in use (its private part is wiped) and register a newly generated one."""
    purpose = _purpose(purpose)
    now = now or timezone.now()
    current(purpose)  # the setting's key is registered before it can be retired
    with transaction.atomic():
        old = (
            SigningKey.objects.select_for_update()
            .filter(purpose=purpose, not_after__isnull=True, revoked_at__isnull=True)
            .first()
        )
        if old is None:  # another rotation won the lock and retired it first
            raise SigningKeyError(f"the {purpose} key was rotated at the same moment; run the command again")
        old.not_after = now + ROTATION_GRACE
        old.wrapped_private_key = ""
        old.save(update_fields=["not_after", "wrapped_private_key"])
        new = _register(purpose, Ed25519PrivateKey.generate(), not_before=now)
    return old, new


def revoke(key_id: str, *, reason: str, now: dt.datetime | None = None) -> SigningKey:
    """Nothing this key signed is to be relied on any more. If it was in use, a new key replaces it."""
    reason = (reason or "").strip()
    if not reason:
        raise SigningKeyError("say why the key is revoked")
    now = now or timezone.now()
    with transaction.atomic():
        key = SigningKey.objects.select_for_update().filter(key_id=key_id).first()
        if key is None:
            raise SigningKeyError(f"no signing key {key_id}")
        if key.revoked_at is not None:
            return key
        if key.not_after is None:
            rotate(key.purpose, now=now)
            key.refresh_from_db()
        key.revoked_at, key.revocation_reason = now, reason[:300]
        key.wrapped_private_key = ""
        key.save(update_fields=["revoked_at", "revocation_reason", "wrapped_private_key"])
    return key


def published(purpose: str | None = None) -> signing.KeySet:
    """Every key of this installation, active, retired and revoked, as a verifier's key set."""
    if purpose is not None:
        current(purpose)
    else:
        for each in SETTINGS:
            if getattr(settings, SETTINGS[each], None):
                current(each)
    rows = SigningKey.objects.order_by("purpose", "created_at")
    if purpose is not None:
        rows = rows.filter(purpose=purpose)
    return signing.KeySet(
        signing.PublishedKey(
            key_id=row.key_id,
            purpose=row.purpose,
            public_key=row.public_key,
            fingerprint=row.fingerprint,
            not_before=row.not_before,
            not_after=row.not_after,
            revoked_at=row.revoked_at,
            revocation_reason=row.revocation_reason,
        )
        for row in rows
    )


def document(purpose: str | None = None) -> dict:
    """The key set as published at /keys.json: pin it, or pin one of its fingerprints."""
    return {
        "issuer": settings.SITE_URL,
        "algorithm": signing.ALGORITHM,
        "generated_at": timezone.now().isoformat(),
        **published(purpose).document(),
    }
