"""The audit log: appended with the change, provable, and any tampering detected."""

import base64
import io
import json

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import CommandError, call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marketplace.core import keys, signing
from regulation import audit, merkle
from regulation.models import AuditEntry, TreeHead

pytestmark = pytest.mark.django_db


def append_many(n, start=0):
    with transaction.atomic():
        return [audit.append("test.event", {"n": start + i, "note": f"事件 {start + i}"}) for i in range(n)]


def test_entries_are_gap_free_and_heads_are_signed():
    append_many(5)
    head = audit.publish_tree_head()
    assert head.tree_size == 5
    assert list(AuditEntry.objects.values_list("index", flat=True)) == [0, 1, 2, 3, 4]
    leaves = [bytes.fromhex(e.leaf_hash) for e in AuditEntry.objects.order_by("index")]
    assert head.root_hash == merkle.root(leaves).hex()
    key = keys.current("audit")
    assert head.key_id == key.key_id
    assert signing.verify(head.canonical.encode(), head.signature, key.public_key)


def test_an_event_in_a_rolled_back_transaction_never_appears():
    append_many(2)
    with pytest.raises(RuntimeError), transaction.atomic():
        audit.append("flag.raised", {"flag": 999})
        raise RuntimeError("the change failed")
    assert not AuditEntry.objects.filter(event_type="flag.raised").exists()
    append_many(1, start=2)
    assert list(AuditEntry.objects.values_list("index", flat=True)) == [0, 1, 2]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_appending_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError):
        audit.append("test.event", {})


def test_inclusion_and_consistency_proofs_verify_against_published_heads():
    append_many(7)
    small = audit.publish_tree_head()
    append_many(6, start=7)
    large = audit.publish_tree_head()
    for index in range(13):
        entry = AuditEntry.objects.get(index=index)
        path = audit.inclusion_proof(index, large.tree_size)
        assert merkle.verify_inclusion(
            bytes.fromhex(entry.leaf_hash), index, 13, path, bytes.fromhex(large.root_hash)
        )
    path = audit.consistency_proof(small.tree_size, large.tree_size)
    assert merkle.verify_consistency(
        7, 13, bytes.fromhex(small.root_hash), bytes.fromhex(large.root_hash), path
    )


def test_the_whole_log_verifies_and_the_command_says_so():
    from io import StringIO

    from django.core.management import call_command

    append_many(9)
    audit.publish_tree_head()
    append_many(4, start=9)
    audit.publish_tree_head()
    out = StringIO()
    call_command("verify_audit_log", stdout=out)
    assert "Verified 13 entries against 2 signed tree heads" in out.getvalue()


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(size=st.integers(min_value=2, max_value=24), data=st.data())
def test_any_single_modified_removed_or_reordered_entry_is_detected(size, data):
    leaves = [
        json.dumps(
            {"index": i, "type": "t", "at": "2026-11-28T00:00:00", "data": {"n": i}},
            sort_keys=True,
            separators=(",", ":"),
        )
        for i in range(size)
    ]
    entries = [
        {"index": i, "leaf": leaf, "leaf_hash": audit.b64(merkle.leaf_hash(leaf.encode()))}
        for i, leaf in enumerate(leaves)
    ]
    with transaction.atomic():
        statement = audit.head_statement(
            tree_size=size,
            root_hash=merkle.root([merkle.leaf_hash(leaf.encode()) for leaf in leaves]),
            timestamp=1,
        )
        signature = keys.sign(statement.encode(), "audit")
        head = {
            "tree_size": size,
            "timestamp": 1,
            "sha256_root_hash": audit.b64(merkle.root([merkle.leaf_hash(leaf.encode()) for leaf in leaves])),
            "signature": signature.value,
            "key_id": signature.key.key_id,
        }
    key = keys.published("audit")
    assert audit.verify_log(entries, [head], key) == []

    position = data.draw(st.integers(min_value=0, max_value=size - 1))
    attack = data.draw(st.sampled_from(["modify", "modify_and_rehash", "remove", "swap"]))
    tampered = [dict(e) for e in entries]
    if attack == "modify":
        tampered[position]["leaf"] = tampered[position]["leaf"].replace('"n":', '"n": ')
    elif attack == "modify_and_rehash":
        forged = tampered[position]["leaf"].replace('"type":"t"', '"type":"x"')
        tampered[position] = {
            "index": position,
            "leaf": forged,
            "leaf_hash": audit.b64(merkle.leaf_hash(forged.encode())),
        }
    elif attack == "remove":
        del tampered[position]
    else:
        other = (position + 1) % size
        tampered[position], tampered[other] = tampered[other], tampered[position]
    assert audit.verify_log(tampered, [head], key) != []


def test_a_head_with_a_forged_signature_is_detected():
    append_many(3)
    head = audit.publish_tree_head()
    entries, heads = audit.export_for_verification()
    heads[0]["signature"] = keys.sign(b"something else", "audit").value
    assert audit.verify_log(entries, heads, keys.published("audit")) == [
        f"tree head {head.tree_size}: bad signature"
    ]
    assert TreeHead.objects.count() == 1


def forge_head(head: TreeHead) -> Ed25519PrivateKey:
    """Re-sign a stored head with a freshly generated key and name that key, as a forger would."""
    private = Ed25519PrivateKey.generate()
    pem = (
        private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    TreeHead.objects.filter(pk=head.pk).update(
        signature=base64.b64encode(private.sign(head.canonical.encode())).decode(),
        key_id=signing.key_id_for(pem),
    )
    return private


def run_verifier(**options) -> tuple[bool, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_audit_log", stdout=out, stderr=err, **options)
    except CommandError:
        return False, err.getvalue()
    return True, out.getvalue()


def test_a_tree_head_signed_by_an_unpinned_key_is_refused():
    append_many(3)
    audit.publish_tree_head()
    append_many(2, start=3)
    forged = audit.publish_tree_head()
    real = keys.current("audit")
    forge_head(forged)
    forged.refresh_from_db()
    refusal = f"tree head 5: signed with key {forged.key_id}, which is not one of the pinned keys"
    for pin in ({}, {"key_fingerprint": [real.fingerprint]}):
        ok, said = run_verifier(**pin)
        assert not ok and refusal in said
    # Pinning the forger's own key does not make the genuine heads pass either.
    ok, said = run_verifier(key_fingerprint=["00" * 32])
    assert not ok and "tree head 3: signed with key" in said


def test_heads_signed_before_a_rotation_still_verify_after_it(tmp_path):
    append_many(4)
    audit.publish_tree_head()
    old = keys.current("audit")
    call_command("rotate_signing_key", "audit", stdout=io.StringIO())
    append_many(3, start=4)
    audit.publish_tree_head()
    new = keys.current("audit")
    assert list(TreeHead.objects.order_by("tree_size").values_list("key_id", flat=True)) == [
        old.key_id,
        new.key_id,
    ]
    ok, said = run_verifier()
    assert ok and "Verified 7 entries against 2 signed tree heads" in said
    assert run_verifier(key_fingerprint=[old.fingerprint, new.fingerprint])[0]
    keyset = tmp_path / "keys.json"
    keyset.write_text(json.dumps(keys.document()), encoding="utf-8")
    assert run_verifier(keyset=str(keyset))[0]
    ok, said = run_verifier(key_fingerprint=[old.fingerprint])
    assert (
        not ok and f"tree head 7: signed with key {new.key_id}, which is not one of the pinned keys" in said
    )


def test_heads_signed_with_a_revoked_key_are_reported_revoked(tmp_path):
    append_many(2)
    audit.publish_tree_head()
    key = keys.current("audit")
    keys.revoke(key.key_id, reason="备份介质遗失")
    key.refresh_from_db()
    append_many(1, start=2)
    audit.publish_tree_head()  # signed by the key that replaced it
    revoked = f"tree head 2: signed with key {key.key_id}, revoked on {key.revoked_at:%Y-%m-%d}: 备份介质遗失"
    keyset = tmp_path / "keys.json"
    keyset.write_text(json.dumps(keys.document()), encoding="utf-8")
    for pin in ({}, {"keyset": str(keyset)}, {"key_fingerprint": [key.fingerprint]}):
        ok, said = run_verifier(**pin)
        assert not ok and revoked in said
        assert "tree head 3:" not in said or "not one of the pinned keys" in said


def test_publishing_a_head_by_command_names_its_key_and_fingerprint():
    append_many(2)
    out = io.StringIO()
    call_command("publish_tree_head", stdout=out)
    key = keys.current("audit")
    assert "size 2" in out.getvalue() and signing.grouped(key.fingerprint) in out.getvalue()
