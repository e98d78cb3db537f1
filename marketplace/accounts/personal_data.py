"""Encryption and keyed hashing of personal data (PIPL Art. 51: encrypt, minimise, mask).

Fernet keys come from IDENTITY_ENCRYPTION_KEYS: the first encrypts, all decrypt, so keys can be
rotated without re-encrypting everything at once.
"""

import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured("IDENTITY_ENCRYPTION_KEYS is empty.")
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except ValueError as exc:
        raise ImproperlyConfigured(f"IDENTITY_ENCRYPTION_KEYS holds an invalid Fernet key: {exc}") from None


def encrypt(text: str) -> str:
    return _fernet(tuple(settings.IDENTITY_ENCRYPTION_KEYS)).encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet(tuple(settings.IDENTITY_ENCRYPTION_KEYS)).decrypt(token.encode()).decode()


def keyed_hash(text: str) -> str:
    """HMAC-SHA256 so a leaked table cannot be reversed by hashing every possible ID number."""
    key = settings.IDENTITY_HASH_KEY
    if not key:
        raise ImproperlyConfigured("IDENTITY_HASH_KEY is not set.")
    return hmac.new(key.encode(), text.encode(), hashlib.sha256).hexdigest()
