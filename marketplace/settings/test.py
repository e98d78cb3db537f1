"""Settings for the test suite: fast hashing, in-memory email, tasks run inline."""

from ._derived_keys import derived_key
from .base import *  # noqa: F403
from .base import IDENTITY_ENCRYPTION_KEYS, IDENTITY_HASH_KEY

SECRET_KEY = "test-only-key-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105 - tests only
IDENTITY_ENCRYPTION_KEYS = IDENTITY_ENCRYPTION_KEYS or [derived_key(SECRET_KEY, "identity-encryption")]
IDENTITY_HASH_KEY = IDENTITY_HASH_KEY or derived_key(SECRET_KEY, "identity-hash")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
