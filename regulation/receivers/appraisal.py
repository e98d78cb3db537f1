"""Receivers for appraisal's signals: a counterfeit verdict becomes a flag, and every signed report
issued, amended or revoked goes into the audit log, in the transaction of the change."""

from __future__ import annotations

import hashlib

from appraisal import signals
from regulation import audit
from regulation.models import Flag
from regulation.services.flags import lock_listing, raise_flag


def _sha256(text: str) -> str:
    # Reasons may quote personal data; the log keeps only their hash.
    return hashlib.sha256((text or "").encode()).hexdigest()


def on_counterfeit_verdict(sender, *, case, listing, actor, grade, reasons, **kwargs) -> None:
    """A counterfeit listing: an audit entry and a high-severity flag for the regulator."""
    if listing is None:
        return  # an item brought to a swap-event desk: nothing on offer for the regulator to act on
    lock_listing(listing.pk)  # the listing's row lock before the audit head's, as on every path
    audit.append(
        "appraisal.counterfeit",
        {"case": case.pk, "listing": listing.pk, "grade": grade, "reasons": list(reasons)},
    )
    raise_flag(
        listing,
        source=Flag.Source.APPRAISAL,
        flag_type=Flag.Type.COUNTERFEIT,
        severity=Flag.Severity.HIGH,
        reason="; ".join(reasons),
        actor=actor,
        extra={"case": case.pk, "grade": grade},
    )


def on_report_issued(sender, *, report, **kwargs) -> None:
    case = report.case
    audit.append(
        "appraisal.report_issued",
        {
            "report": report.number,
            "case": case.pk,
            "listing": case.listing_id,
            "grade": case.grade,
            "counterfeit": case.counterfeit,
        },
    )


def on_report_amended(sender, *, report, reason, **kwargs) -> None:
    audit.append(
        "appraisal.report_amended",
        {
            "report": report.number,
            "version": report.version,
            "supersedes": report.supersedes.number if report.supersedes_id else None,
            "case": report.case_id,
            "reason_sha256": _sha256(reason),
        },
    )


def on_report_revoked(sender, *, report, reason, **kwargs) -> None:
    audit.append(
        "appraisal.report_revoked",
        {
            "report": report.number,
            "version": report.version,
            "case": report.case_id,
            "reason_sha256": _sha256(reason),
        },
    )


def connect() -> None:
    signals.counterfeit_verdict.connect(on_counterfeit_verdict, dispatch_uid="regulation.counterfeit")
    signals.report_issued.connect(on_report_issued, dispatch_uid="regulation.report_issued")
    signals.report_amended.connect(on_report_amended, dispatch_uid="regulation.report_amended")
    signals.report_revoked.connect(on_report_revoked, dispatch_uid="regulation.report_revoked")
