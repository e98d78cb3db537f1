"""Signed reports: verification online and offline, immutability, amendments and revocation (by
the service and from the report's page), each recorded in the audit log."""

import hashlib
import io
import json

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db.models import ProtectedError
from django.urls import reverse

from appraisal import reports, services, signing
from appraisal.errors import AppraisalError
from appraisal.models import AppraisalReport, ReportImmutable
from regulation.models import AuditEntry
from tests.accounts.factories import sign_in
from tests.appraisal.factories import issued_report

pytestmark = pytest.mark.django_db


def audit_data(event_type: str) -> list[dict]:
    return [json.loads(e.canonical)["data"] for e in AuditEntry.objects.filter(event_type=event_type)]


def test_a_tampered_report_or_pdf_fails_verification(tmp_path, seller, phone_listing, certified):
    report = issued_report(phone_listing, certified)
    data = reports.bundle(report)
    pdf = default_storage.open(report.pdf_name).read()
    bundle_file, pdf_file = tmp_path / "report.json", tmp_path / "report.pdf"
    bundle_file.write_text(json.dumps(data, ensure_ascii=False))
    pdf_file.write_bytes(pdf)
    out = io.StringIO()
    call_command("verify_report", str(bundle_file), pdf=str(pdf_file), stdout=out)
    assert "verified" in out.getvalue()

    pinned = signing.keyset()
    forged = dict(data, canonical=data["canonical"].replace('"grade":"准新"', '"grade":"99新"'))
    assert forged["canonical"] != data["canonical"]
    assert reports.verify_bundle(forged, keyset=pinned) == ["report signature does not match its contents"]
    bundle_file.write_text(json.dumps(forged, ensure_ascii=False))
    with pytest.raises(CommandError):
        call_command("verify_report", str(bundle_file), stdout=io.StringIO(), stderr=io.StringIO())

    tampered_pdf = pdf.replace(b"%PDF", b"%PDF", 1) + b"\n% edited"
    assert reports.verify_bundle(data, keyset=pinned, pdf=tampered_pdf) == [
        "the PDF is not the one issued (its hash differs)"
    ]


def test_issued_reports_are_immutable_amended_by_new_versions_and_revocable(
    client, seller, phone_listing, certified
):
    report = issued_report(phone_listing, certified)
    report.payload["grade"] = "8成新"
    with pytest.raises(ReportImmutable):
        report.save()
    with pytest.raises(ReportImmutable):
        report.save(update_fields=["canonical"])
    report.refresh_from_db()
    amended = services.amend_report(report, actor=certified.user, reason="补充证据照片")
    assert amended.version == 2 and amended.supersedes == report
    assert amended.payload["supersedes"] == report.number
    services.revoke_report(report, actor=certified.user, reason="已被新版本替代")
    page = client.get(reverse("appraisal:verify", args=[report.number])).content.decode()
    assert amended.number in page
    assert "已被新版本替代" in page


def test_report_records_cannot_be_deleted_by_accident(seller, phone_listing, certified):
    report = issued_report(phone_listing, certified)
    with pytest.raises(ProtectedError):
        report.case.delete()
    assert AppraisalReport.objects.filter(pk=report.pk).exists()


def test_report_numbers_are_not_guessable(seller, phone_listing, certified):
    report = issued_report(phone_listing, certified)
    assert len(report.number) == len("NKAP20261128") + 4 + 4


def test_the_appraiser_amends_a_report_from_its_page(client, phone_listing, certified, outsider):
    report = issued_report(phone_listing, certified)
    amend_url = reverse("appraisal:amend", args=[report.number])
    client.force_login(outsider)
    assert amend_url not in client.get(reverse("appraisal:verify", args=[report.number])).content.decode()
    assert client.get(amend_url).status_code == 403
    assert client.post(amend_url, {"reason": "改一下"}).status_code == 403

    sign_in(client, certified.user)
    assert amend_url in client.get(reverse("appraisal:verify", args=[report.number])).content.decode()
    assert client.get(amend_url).status_code == 200
    assert client.post(amend_url, {"reason": ""}).status_code == 200  # the form again, nothing issued
    assert AppraisalReport.objects.count() == 1
    response = client.post(amend_url, {"reason": "补充证据照片，身份证号 120104199003070012"})
    amended = AppraisalReport.objects.get(supersedes=report)
    assert response.status_code == 302 and response.url == reverse("appraisal:verify", args=[amended.number])
    assert amended.version == 2 and amended.payload["supersedes"] == report.number
    old_page = client.get(reverse("appraisal:verify", args=[report.number])).content.decode()
    assert amended.number in old_page and amend_url not in old_page  # only the latest is amended

    [entry] = audit_data("appraisal.report_amended")
    reason = "补充证据照片，身份证号 120104199003070012"
    assert entry == {
        "report": amended.number,
        "version": 2,
        "supersedes": report.number,
        "case": report.case_id,
        "reason_sha256": hashlib.sha256(reason.encode()).hexdigest(),
    }
    assert "120104199003070012" not in AuditEntry.objects.get(event_type="appraisal.report_amended").canonical


def test_staff_revoke_a_report_and_its_page_and_the_listing_say_so(
    client, phone_listing, certified, platform_admin, outsider
):
    report = issued_report(phone_listing, certified)
    revoke_url = reverse("appraisal:revoke", args=[report.number])
    verify_url = reverse("appraisal:verify", args=[report.number])
    assert verify_url in client.get(reverse("listings:detail", args=[phone_listing.pk])).content.decode()
    client.force_login(outsider)
    assert client.post(revoke_url, {"reason": "不喜欢"}).status_code == 403

    sign_in(client, platform_admin)
    response = client.post(revoke_url, {"reason": "鉴定所用证书已被吊销"})
    assert response.status_code == 302 and response.url == verify_url
    report.refresh_from_db()
    assert report.revoked_at is not None and report.revocation_reason == "鉴定所用证书已被吊销"
    page = client.get(verify_url).content.decode()
    assert "鉴定所用证书已被吊销" in page and revoke_url not in page
    assert client.post(revoke_url, {"reason": "再撤销一次"}).status_code == 403
    client.logout()
    assert verify_url not in client.get(reverse("listings:detail", args=[phone_listing.pk])).content.decode()

    [entry] = audit_data("appraisal.report_revoked")
    assert entry == {
        "report": report.number,
        "version": 1,
        "case": report.case_id,
        "reason_sha256": hashlib.sha256("鉴定所用证书已被吊销".encode()).hexdigest(),
    }


def test_a_revoked_report_is_neither_revoked_again_nor_amended(phone_listing, certified, outsider):
    report = issued_report(phone_listing, certified)
    with pytest.raises(AppraisalError) as caught:
        services.revoke_report(report, actor=outsider, reason="x")
    assert caught.value.code == "not_allowed"
    with pytest.raises(AppraisalError) as caught:
        services.revoke_report(report, actor=certified.user, reason="  ")
    assert caught.value.code == "reason"
    services.revoke_report(report, actor=certified.user, reason="估值依据有误")
    with pytest.raises(AppraisalError) as caught:
        services.revoke_report(report, actor=certified.user, reason="估值依据有误")
    assert caught.value.code == "revoked"
    with pytest.raises(AppraisalError) as caught:
        services.amend_report(report, actor=certified.user, reason="重新出具")
    assert caught.value.code == "revoked"
    assert len(audit_data("appraisal.report_revoked")) == 1
    assert not AppraisalReport.objects.filter(supersedes=report).exists()
