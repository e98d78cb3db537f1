"""Appraisal reports are signed with APPRAISAL_SIGNING_KEY (see marketplace.core.signing)."""

from marketplace.core import signing

KEY = "APPRAISAL_SIGNING_KEY"
canonical_json = signing.canonical_json
verify = signing.verify


def sign(data: bytes) -> str:
    return signing.sign(data, KEY)


def public_key_pem() -> str:
    return signing.public_key_pem(KEY)


def key_id() -> str:
    return signing.key_id(KEY)
