"""Embedded default: SQLite under var/, console email, database search, tasks by a local worker."""

from ._derived_keys import derived_key
from .base import *  # noqa: F403
from .base import (
    APPRAISAL_SIGNING_KEY,
    AUDIT_SIGNING_KEY,
    CACHE_URL,
    CACHES,
    IDENTITY_ENCRYPTION_KEYS,
    IDENTITY_HASH_KEY,
    SECRET_KEY,
)
from .env import env_bool, env_str

DEBUG = env_bool("DEBUG", True)
DEMO_DATA = True
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-change-me-in-production-0123456789"
IDENTITY_ENCRYPTION_KEYS = IDENTITY_ENCRYPTION_KEYS or [derived_key(SECRET_KEY, "identity-encryption")]
IDENTITY_HASH_KEY = IDENTITY_HASH_KEY or derived_key(SECRET_KEY, "identity-hash")
APPRAISAL_SIGNING_KEY = APPRAISAL_SIGNING_KEY or derived_key(SECRET_KEY, "appraisal-signing")
AUDIT_SIGNING_KEY = AUDIT_SIGNING_KEY or derived_key(SECRET_KEY, "audit-signing")
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# One development server process: rate limits may count in its memory (CACHE_URL still wins).
CACHES = (
    CACHES
    if CACHE_URL
    else {**CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
)
