"""Signing keys a verifier can pin: published with fingerprints and validity, rotated and revoked by
command, kept wrapped, and a key set that refuses what it does not hold."""

import base64
import io
import json

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from marketplace.core import keys, signing
from marketplace.core.models import SigningKey

pytestmark = pytest.mark.django_db


def fresh_pem() -> str:
    return (
        Ed25519PrivateKey.generate()
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def test_the_key_set_page_and_document_publish_every_key_with_its_fingerprint(client):
    appraisal, audit = keys.current("appraisal"), keys.current("audit")
    document = client.get(reverse("core:signing_keys_json")).json()
    published = {key["key_id"]: key for key in document["keys"]}
    assert set(published) == {appraisal.key_id, audit.key_id}
    for key in (appraisal, audit):
        entry = published[key.key_id]
        assert entry["fingerprint_sha256"] == signing.fingerprint(entry["public_key"]) == key.fingerprint
        assert entry["purpose"] == key.purpose and entry["status"] == "active"
        assert "PRIVATE" not in json.dumps(entry)
    page = client.get(reverse("core:signing_keys")).content.decode()
    assert signing.grouped(appraisal.fingerprint) in page and signing.grouped(audit.fingerprint) in page


def test_rotating_retires_the_key_in_use_and_signs_with_a_new_one():
    old = keys.current("appraisal")
    out = io.StringIO()
    call_command("rotate_signing_key", "appraisal", stdout=out)
    new = keys.current("appraisal")
    assert new.key_id != old.key_id and new.key_id in out.getvalue()
    old.refresh_from_db()
    assert keys.status(old) == "retired" and old.wrapped_private_key == ""
    assert old.not_after >= new.not_before
    with pytest.raises(keys.SigningKeyError):
        keys.sign(b"anything", "appraisal", key=old)  # a retired key signs nothing new
    signature = keys.sign(b"report", "appraisal")
    assert signature.key == new and signing.verify(b"report", signature.value, new.public_key)
    assert {k.status for k in keys.published("appraisal").keys.values()} == {"retired", "active"}
    assert keys.current("audit").key_id not in (old.key_id, new.key_id)  # purposes rotate apart


def test_revoking_a_key_in_use_replaces_it_and_publishes_the_reason(client):
    key = keys.current("audit")
    call_command("revoke_signing_key", key.key_id, reason="服务器失窃", stdout=io.StringIO())
    key.refresh_from_db()
    assert keys.status(key) == "revoked" and key.revocation_reason == "服务器失窃"
    assert keys.current("audit").key_id != key.key_id
    document = client.get(reverse("core:signing_keys_json")).json()
    [entry] = [k for k in document["keys"] if k["key_id"] == key.key_id]
    assert entry["status"] == "revoked" and entry["revocation_reason"] == "服务器失窃"
    _pem, problems = keys.published("audit").check(key.key_id, purpose="audit", signed_at=timezone.now())
    assert problems == [f"signed with key {key.key_id}, revoked on {key.revoked_at:%Y-%m-%d}: 服务器失窃"]
    with pytest.raises(CommandError):
        call_command("revoke_signing_key", "0000000000000000", reason="x", stdout=io.StringIO())


def test_revoking_asks_for_a_reason_and_a_dry_run_changes_nothing():
    key = keys.current("appraisal")
    out = io.StringIO()
    call_command("revoke_signing_key", key.key_id, reason="测试", dry_run=True, stdout=out)
    assert "would revoke" in out.getvalue()
    key.refresh_from_db()
    assert key.revoked_at is None
    with pytest.raises(keys.SigningKeyError):
        keys.revoke(key.key_id, reason="  ")


def test_a_generated_key_is_stored_wrapped_and_useless_under_another_setting(settings):
    keys.current("appraisal")
    _old, new = keys.rotate("appraisal")
    raw = keys._raw(keys._private(new))
    assert base64.b64encode(raw).decode() not in new.wrapped_private_key
    assert raw not in base64.b64decode(new.wrapped_private_key)
    keys._unwrapped.clear()
    settings.APPRAISAL_SIGNING_KEY = base64.b64encode(b"\x07" * 32).decode()
    with pytest.raises(keys.SigningKeyError, match="different APPRAISAL_SIGNING_KEY"):
        keys.sign(b"x", "appraisal")


def test_a_key_set_refuses_unknown_keys_wrong_purposes_and_signatures_outside_validity():
    old = keys.current("appraisal")
    before_rotation = timezone.now()
    keys.rotate("appraisal")
    published = keys.published("appraisal")
    assert published.check(old.key_id, purpose="appraisal", signed_at=before_rotation)[1] == []
    _pem, problems = published.check(old.key_id, purpose="audit", signed_at=before_rotation)
    assert problems and "not one of the pinned keys" in problems[0]
    later = timezone.now() + keys.ROTATION_GRACE * 2
    assert "outside the validity" in published.check(old.key_id, purpose="appraisal", signed_at=later)[1][0]
    stranger = signing.key_id_for(fresh_pem())
    assert (
        "not one of the pinned keys" in published.check(stranger, purpose="appraisal", signed_at=later)[1][0]
    )
    assert len(published.only([f"SHA256:{signing.grouped(old.fingerprint).upper()}"])) == 1


def test_a_key_set_document_stating_a_false_fingerprint_is_refused():
    document = keys.published("appraisal").document()
    document["keys"][0]["public_key"] = fresh_pem()
    with pytest.raises(ValueError, match="fingerprint does not match"):
        signing.KeySet.from_document(document)


def test_the_first_key_is_the_one_in_the_setting():
    key = keys.current("audit")
    seed = keys._seed("audit")
    expected = keys._pem(Ed25519PrivateKey.from_private_bytes(seed))
    assert key.public_key == expected and key.not_before is None
    assert SigningKey.objects.filter(purpose="audit").count() == 1
    assert keys.current("audit") == key
