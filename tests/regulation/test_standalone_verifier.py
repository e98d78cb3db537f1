"""The standalone verifier, run as the bureau would: a separate process, the public key and the API."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.db import transaction

from regulation import audit
from regulation.models import AuditEntry
from tests.regulation.factories import RegulatorClientFactory

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def run_verifier(url, key):
    return subprocess.run(
        [sys.executable, str(ROOT / "tools" / "verify_audit_log.py"), url, "--key", key],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_standalone_script_verifies_the_log_and_catches_tampering(live_server):
    key = RegulatorClientFactory(scopes=["feed:read"]).plain_key
    for batch in range(3):
        with transaction.atomic():
            for n in range(batch * 4, batch * 4 + 4):
                audit.append("test.event", {"n": n})
        audit.publish_tree_head()
    url = f"{live_server.url}/api/regulator/v1"
    good = run_verifier(url, key)
    assert good.returncode == 0, good.stderr
    assert "12 entries, 3 signed tree heads: verified" in good.stdout

    entry = AuditEntry.objects.get(index=5)
    AuditEntry.objects.filter(pk=entry.pk).update(canonical=entry.canonical.replace('"n":5', '"n":50'))
    bad = run_verifier(url, key)
    assert bad.returncode == 1
    assert "entry 5: content does not match its hash" in bad.stderr
