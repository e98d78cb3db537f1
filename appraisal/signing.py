"""Appraisal reports are signed with the registry's appraisal key (see marketplace.core.keys)."""

from marketplace.core import keys, signing

PURPOSE = keys.APPRAISAL
canonical_json = signing.canonical_json
verify = signing.verify


def current_key():
    """The key that signs now; take it before stamping the issue time (see keys.ROTATION_GRACE)."""
    return keys.current(PURPOSE)


def sign(data: bytes, key=None) -> str:
    return keys.sign(data, PURPOSE, key=key).value


def keyset() -> signing.KeySet:
    """Every appraisal key this installation has used: what the verification page checks against."""
    return keys.published(PURPOSE)


def public_key_pem() -> str:
    return current_key().public_key


def key_id() -> str:
    return current_key().key_id
