"""The audit log: appended with the change, provable, and any tampering detected."""

import json

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marketplace.core import signing
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
    assert signing.verify(head.canonical.encode(), head.signature, signing.public_key_pem(audit.SIGNING_KEY))


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
        head = {
            "tree_size": size,
            "timestamp": 1,
            "sha256_root_hash": audit.b64(merkle.root([merkle.leaf_hash(leaf.encode()) for leaf in leaves])),
            "signature": signing.sign(statement.encode(), audit.SIGNING_KEY),
        }
    key = signing.public_key_pem(audit.SIGNING_KEY)
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
    heads[0]["signature"] = signing.sign(b"something else", audit.SIGNING_KEY)
    assert audit.verify_log(entries, heads, signing.public_key_pem(audit.SIGNING_KEY)) == [
        f"tree head {head.tree_size}: bad signature"
    ]
    assert TreeHead.objects.count() == 1
