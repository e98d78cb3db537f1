"""Settings for the test suite: fast hashing, in-memory email, tasks run inline."""

import os

from ._derived_keys import derived_key
from .base import *  # noqa: F403
from .base import APPRAISAL_SIGNING_KEY, AUDIT_SIGNING_KEY, IDENTITY_ENCRYPTION_KEYS, IDENTITY_HASH_KEY

SECRET_KEY = "test-only-key-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105 - tests only  # nosec B105 - test-only values
IDENTITY_ENCRYPTION_KEYS = IDENTITY_ENCRYPTION_KEYS or [derived_key(SECRET_KEY, "identity-encryption")]
IDENTITY_HASH_KEY = IDENTITY_HASH_KEY or derived_key(SECRET_KEY, "identity-hash")
APPRAISAL_SIGNING_KEY = APPRAISAL_SIGNING_KEY or derived_key(SECRET_KEY, "appraisal-signing")
AUDIT_SIGNING_KEY = AUDIT_SIGNING_KEY or derived_key(SECRET_KEY, "audit-signing")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Rate limits count here, in this process only; tests of a limit clear it first.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# No sequencer runs beside the suite: entries join the log in their writer's transaction (the
# sequencer's own tests switch this off to exercise the queue).
AUDIT_SEQUENCE_IN_TRANSACTION = True
HEARTBEAT_LIMITS = {}  # no worker or scheduler runs beside the test client
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Payments against stripe-mock (started by scripts/test); tests needing it skip with a reason otherwise.
STRIPE_SECRET_KEY = "sk_test_123"  # noqa: S105 - stripe-mock accepts any test key  # nosec B105 - test-only values
STRIPE_WEBHOOK_SECRET = "whsec_test_secret"  # noqa: S105 - tests sign their own events  # nosec B105 - test-only values
STRIPE_API_BASE = os.environ.get("STRIPE_MOCK_URL", "http://127.0.0.1:12111")
