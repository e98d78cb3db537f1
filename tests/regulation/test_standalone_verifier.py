"""The standalone verifier, run as the bureau would: a separate process, a key it pinned, and the API.
The command (`manage.py verify_audit_log --api`) reads a log the same way."""

import base64
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import CommandError, call_command
from django.db import transaction

from marketplace.core import keys, signing
from regulation import audit
from regulation.models import AuditEntry, TreeHead
from tests.regulation.factories import RegulatorClientFactory

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def run_verifier(url, key, *pin):
    return subprocess.run(
        [sys.executable, str(ROOT / "tools" / "verify_audit_log.py"), url, "--key", key, *pin],
        capture_output=True,
        text=True,
        timeout=120,
    )


def grow(batches: int, per_batch: int = 1) -> None:
    """Append and sign a head after each batch."""
    for batch in range(batches):
        with transaction.atomic():
            for n in range(batch * per_batch, (batch + 1) * per_batch):
                audit.append("test.event", {"n": n})
        audit.publish_tree_head()


def test_the_standalone_script_verifies_the_log_and_catches_tampering(live_server):
    key = RegulatorClientFactory(scopes=["feed:read"]).plain_key
    grow(3, per_batch=4)
    pin = ("--key-fingerprint", keys.current("audit").fingerprint)
    url = f"{live_server.url}/api/regulator/v1"
    good = run_verifier(url, key, *pin)
    assert good.returncode == 0, good.stderr
    assert "12 entries, 3 signed tree heads: verified" in good.stdout

    entry = AuditEntry.objects.get(index=5)
    AuditEntry.objects.filter(pk=entry.pk).update(canonical=entry.canonical.replace('"n":5', '"n":50'))
    bad = run_verifier(url, key, *pin)
    assert bad.returncode == 1
    assert "entry 5: content does not match its hash" in bad.stderr


def test_the_script_refuses_to_run_without_a_pinned_key(live_server):
    key = RegulatorClientFactory(scopes=["feed:read"]).plain_key
    unpinned = run_verifier(f"{live_server.url}/api/regulator/v1", key)
    assert unpinned.returncode == 2 and "--key-fingerprint" in unpinned.stderr


def test_both_verifiers_read_every_page_of_tree_heads(live_server, settings):
    settings.AUDIT_FEED_PAGE_SIZE = 4
    key = RegulatorClientFactory(scopes=["feed:read"]).plain_key
    grow(11)
    fingerprint = keys.current("audit").fingerprint
    url = f"{live_server.url}/api/regulator/v1"
    result = run_verifier(url, key, "--key-fingerprint", fingerprint)
    assert result.returncode == 0, result.stderr
    assert "11 entries, 11 signed tree heads: verified" in result.stdout
    out = io.StringIO()
    call_command("verify_audit_log", api=url, api_key=key, key_fingerprint=[fingerprint], stdout=out)
    assert "Verified 11 entries against 11 signed tree heads" in out.getvalue()

    # A head past the first pages is still checked: tamper with the last one.
    last = TreeHead.objects.get(tree_size=11)
    TreeHead.objects.filter(pk=last.pk).update(signature=TreeHead.objects.get(tree_size=1).signature)
    result = run_verifier(url, key, "--key-fingerprint", fingerprint)
    assert result.returncode == 1 and "tree head 11: bad signature" in result.stderr


def test_a_head_signed_by_an_unpinned_key_is_refused_and_a_rotation_is_followed(live_server, tmp_path):
    key = RegulatorClientFactory(scopes=["feed:read"]).plain_key
    url = f"{live_server.url}/api/regulator/v1"
    grow(2)
    old = keys.current("audit")
    call_command("rotate_signing_key", "audit", stdout=io.StringIO())
    grow(1)
    new = keys.current("audit")
    keyset = tmp_path / "keys.json"
    keyset.write_text(json.dumps(keys.document()), encoding="utf-8")

    both = run_verifier(url, key, "--key-fingerprint", old.fingerprint, "--key-fingerprint", new.fingerprint)
    assert both.returncode == 0, both.stderr
    assert run_verifier(url, key, "--keyset", str(keyset)).returncode == 0
    only_old = run_verifier(url, key, "--key-fingerprint", old.fingerprint)
    assert only_old.returncode == 1
    assert (
        f"tree head 3: signed with key {new.key_id}, which is not one of the pinned keys" in only_old.stderr
    )

    # A forger re-signs the latest head with a key of their own and names it.
    private = Ed25519PrivateKey.generate()
    pem = (
        private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    head = TreeHead.objects.get(tree_size=3)
    TreeHead.objects.filter(pk=head.pk).update(
        signature=base64.b64encode(private.sign(head.canonical.encode())).decode(),
        key_id=signing.key_id_for(pem),
    )
    forged = run_verifier(url, key, "--keyset", str(keyset))
    assert forged.returncode == 1
    assert f"signed with key {signing.key_id_for(pem)}, which is not one of the pinned keys" in forged.stderr
    with pytest.raises(CommandError):
        call_command(
            "verify_audit_log",
            api=url,
            api_key=key,
            keyset=str(keyset),
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )


def test_heads_signed_with_a_revoked_key_are_reported_revoked(live_server):
    key = RegulatorClientFactory(scopes=["feed:read"]).plain_key
    grow(2)
    revoked = keys.current("audit")
    call_command("revoke_signing_key", revoked.key_id, reason="密钥泄露", stdout=io.StringIO())
    revoked.refresh_from_db()
    result = run_verifier(
        f"{live_server.url}/api/regulator/v1", key, "--key-fingerprint", revoked.fingerprint
    )
    assert result.returncode == 1
    assert (
        f"tree head 1: signed with key {revoked.key_id}, revoked on {revoked.revoked_at:%Y-%m-%d}: 密钥泄露"
        in result.stderr
    )


def test_a_log_built_through_the_sequencer_queue_verifies(live_server, settings):
    settings.AUDIT_SEQUENCE_IN_TRANSACTION = False  # entries queued, then integrated by the sequencer
    key = RegulatorClientFactory(scopes=["feed:read"]).plain_key
    grow(3, per_batch=4)
    result = run_verifier(
        f"{live_server.url}/api/regulator/v1", key, "--key-fingerprint", keys.current("audit").fingerprint
    )
    assert result.returncode == 0, result.stderr
    assert "12 entries, 3 signed tree heads: verified" in result.stdout
