"""A report verifies only against a key the verifier pinned: a bundle re-signed with a fresh key is
refused, a report signed before a rotation still verifies, a revoked key is reported as revoked, and
the printed report carries the key's fingerprint."""

import base64
import io
import json

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.urls import reverse

from appraisal import reports
from marketplace.core import keys, signing
from tests.appraisal.factories import issued_report

pytestmark = pytest.mark.django_db


def write_bundle(tmp_path, data, name="report.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def verify(bundle_path, **options):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_report", bundle_path, stdout=out, stderr=err, **options)
    except CommandError:
        return False, err.getvalue()
    return True, out.getvalue()


def forge_with_fresh_key(data: dict, pdf: bytes) -> tuple[dict, bytes]:
    """What an attacker does: change the report, sign it and a new PDF with a key of their own, and put
    that key in the bundle."""
    private = Ed25519PrivateKey.generate()
    pem = (
        private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    canonical = data["canonical"].replace('"grade":"准新"', '"grade":"全新"')
    forged_pdf = pdf + b"\n% forged"
    forged = dict(
        data,
        canonical=canonical,
        signature=base64.b64encode(private.sign(canonical.encode())).decode(),
        public_key=pem,
        key_id=signing.key_id_for(pem),
        key_fingerprint=signing.fingerprint(pem),
        pdf_sha256=reports.sha256(forged_pdf),
        pdf_signature=base64.b64encode(private.sign(forged_pdf)).decode(),
    )
    return forged, forged_pdf


def test_a_bundle_resigned_with_a_fresh_key_is_refused_when_pinned(
    tmp_path, client, phone_listing, certified
):
    report = issued_report(phone_listing, certified)
    data = reports.bundle(report)
    pdf = default_storage.open(report.pdf_name).read()
    real = keys.current("appraisal")
    forged, forged_pdf = forge_with_fresh_key(data, pdf)
    forged_path, pdf_path = write_bundle(tmp_path, forged), tmp_path / "forged.pdf"
    pdf_path.write_bytes(forged_pdf)
    keyset_path = tmp_path / "keys.json"
    keyset_path.write_text(client.get(reverse("core:signing_keys_json")).content.decode(), encoding="utf-8")

    for pin in (
        {"key_fingerprint": [real.fingerprint]},
        {"keyset": str(keyset_path)},
        {},  # no pin given: this installation's own keys, never the bundle's
    ):
        ok, said = verify(forged_path, pdf=str(pdf_path), **pin)
        assert not ok, pin
        assert f"signed with key {forged['key_id']}, which is not one of the pinned keys" in said

    # Naming the real key's id does not help: the signature is checked with the pinned key.
    ok, said = verify(write_bundle(tmp_path, dict(forged, key_id=real.key_id), "claims.json"))
    assert not ok and "report signature does not match its contents" in said

    ok, said = verify(
        write_bundle(tmp_path, data, "real.json"), key_fingerprint=[signing.grouped(real.fingerprint)]
    )
    assert ok and f"Report {report.number} verified" in said and "active" in said
    ok, said = verify(write_bundle(tmp_path, data, "real.json"), key_fingerprint=[forged["key_fingerprint"]])
    assert not ok and "not one of the pinned keys" in said


def test_a_report_signed_before_a_rotation_still_verifies_after_it(
    tmp_path, client, phone_listing, certified
):
    before = issued_report(phone_listing, certified)
    old_key = keys.current("appraisal")
    out = io.StringIO()
    call_command("rotate_signing_key", "appraisal", stdout=out)
    new_key = keys.current("appraisal")
    after = issued_report(phone_listing, certified)
    assert (before.key_id, after.key_id) == (old_key.key_id, new_key.key_id)

    keyset_path = tmp_path / "keys.json"
    keyset_path.write_text(client.get(reverse("core:signing_keys_json")).content.decode(), encoding="utf-8")
    old_bundle = write_bundle(tmp_path, reports.bundle(before), "before.json")
    new_bundle = write_bundle(tmp_path, reports.bundle(after), "after.json")
    for pin in ({"keyset": str(keyset_path)}, {}):
        ok, said = verify(old_bundle, **pin)
        assert ok and "retired" in said, said
        ok, said = verify(new_bundle, **pin)
        assert ok and "active" in said, said
    assert verify(old_bundle, key_fingerprint=[old_key.fingerprint])[0]
    ok, said = verify(new_bundle, key_fingerprint=[old_key.fingerprint])
    assert not ok and "not one of the pinned keys" in said

    page = client.get(reverse("appraisal:verify", args=[before.number])).content.decode()
    assert "签名有效" in page or "Signature valid" in page
    assert signing.grouped(old_key.fingerprint) in page


def test_a_report_signed_with_a_revoked_key_is_reported_revoked(tmp_path, client, phone_listing, certified):
    report = issued_report(phone_listing, certified)
    key = keys.current("appraisal")
    bundle = write_bundle(tmp_path, reports.bundle(report))
    call_command("revoke_signing_key", key.key_id, reason="私钥泄露", stdout=io.StringIO())
    key.refresh_from_db()
    revoked = f"signed with key {key.key_id}, revoked on {key.revoked_at:%Y-%m-%d}: 私钥泄露"
    for pin in ({}, {"key_fingerprint": [key.fingerprint]}):
        ok, said = verify(bundle, **pin)
        assert not ok and revoked in said
    keyset_path = tmp_path / "keys.json"
    keyset_path.write_text(client.get(reverse("core:signing_keys_json")).content.decode(), encoding="utf-8")
    ok, said = verify(bundle, keyset=str(keyset_path))
    assert not ok and revoked in said
    page = client.get(reverse("appraisal:verify", args=[report.number])).content.decode()
    assert revoked in page


def test_the_printed_report_carries_the_fingerprint_of_its_key(monkeypatch, phone_listing, certified):
    import weasyprint

    printed = []

    class Capture:
        def __init__(self, string):
            printed.append(string)

        def write_pdf(self):
            return b"%PDF-1.7 captured"

    monkeypatch.setattr(weasyprint, "HTML", Capture)
    report = issued_report(phone_listing, certified)
    key = keys.current("appraisal")
    assert report.key_id == key.key_id
    assert signing.grouped(key.fingerprint) in printed[0] and key.key_id in printed[0]
