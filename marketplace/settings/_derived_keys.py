"""Deterministic keys for dev and test only, derived from SECRET_KEY so nothing extra must be set."""

import base64
import hashlib


def derived_key(secret: str, purpose: str) -> str:
    digest = hashlib.sha256(f"{purpose}:{secret}".encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()
