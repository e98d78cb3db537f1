"""Signed reports: issuing, amending by a new version, revoking. Each is signalled so the audit log
records it in the same transaction."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from listings import actions as listing_actions
from marketplace.accounts.permissions import is_platform_staff

from .. import reports as documents
from .. import signals, signing
from ..errors import AppraisalError
from ..models import AppraisalCase, AppraisalReport
from .cases import require_appraiser
from .transitions import move

C = AppraisalCase.Status


def _next_number(issued_at) -> str:
    """NKAP<date><sequence><4 random characters>: readable, and not guessable from its neighbours, so the
    public verification pages cannot be walked through one by one."""
    prefix = f"NKAP{issued_at:%Y%m%d}"
    count = AppraisalReport.objects.filter(number__startswith=prefix, version=1).count()
    token = "".join(secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(4))
    return f"{prefix}{count + 1:04d}{token}"


def _issue(
    case: AppraisalCase, *, number: str, version: int, supersedes: AppraisalReport | None
) -> AppraisalReport:
    key = signing.current_key()  # before the time is stamped, so the signature falls inside its validity
    issued_at = timezone.now()
    payload = documents.build_payload(
        case,
        number=number,
        version=version,
        supersedes=supersedes.number if supersedes else None,
        issued_at=issued_at,
    )
    canonical = signing.canonical_json(payload)
    signature = signing.sign(canonical.encode(), key)
    pdf = documents.render_pdf(payload, signature=signature, key=key)
    pdf_name = default_storage.save(f"reports/{number}.pdf", ContentFile(pdf))
    report = AppraisalReport.objects.create(
        pdf_name=pdf_name,
        number=number,
        case=case,
        version=version,
        supersedes=supersedes,
        payload=payload,
        canonical=canonical,
        signature=signature,
        key_id=key.key_id,
        pdf_sha256=documents.sha256(pdf),
        pdf_signature=signing.sign(pdf, key),
        issued_at=issued_at,
        retain_until=issued_at + dt.timedelta(days=366 * settings.APPRAISAL_RETENTION_YEARS),
    )
    if case.listing_id:
        listing_actions.note_changed(case.listing_id)  # the listing's "appraised" badge and search facet
    return report


def issue_report(case: AppraisalCase, *, actor) -> AppraisalReport:
    """Sign and issue the report of a valued case (reviewed first when the value is high)."""
    require_appraiser(case, actor)
    with transaction.atomic():
        locked = AppraisalCase.objects.select_for_update().get(pk=case.pk)
        AppraisalError.require(
            locked.status == C.VALUED,
            _("Grade and value the item (and pass review if needed) first."),
            "transition",
        )
        AppraisalError.require(
            locked.estimate < settings.APPRAISAL_REVIEW_THRESHOLD or locked.reviewer_id is not None,
            _("A second appraiser must review this case first."),
            "review_required",
        )
        report = _issue(locked, number=_next_number(timezone.now()), version=1, supersedes=None)
        signals.report_issued.send(sender=AppraisalReport, report=report, actor=actor, reason="")
        move(locked, C.ISSUED, actor=actor, reason=report.number)
    return report


def amend_report(report: AppraisalReport, *, actor, reason: str) -> AppraisalReport:
    """An amendment is a new signed version that names the one it replaces; the old stays on record."""
    require_appraiser(report.case, actor)
    reason = (reason or "").strip()
    AppraisalError.require(bool(reason), _("Say why the report is amended."), "reason")
    with transaction.atomic():
        locked = AppraisalReport.objects.select_for_update().get(pk=report.pk)
        AppraisalError.require(
            not AppraisalReport.objects.filter(supersedes=locked).exists(),
            _("Amend the latest version."),
            "not_latest",
        )
        AppraisalError.require(locked.revoked_at is None, _("A revoked report cannot be amended."), "revoked")
        amended = _issue(
            locked.case,
            number=f"{locked.number.split('-')[0]}-{locked.version + 1}",
            version=locked.version + 1,
            supersedes=locked,
        )
        signals.report_amended.send(sender=AppraisalReport, report=amended, actor=actor, reason=reason)
    return amended


def revoke_report(report: AppraisalReport, *, actor, reason: str) -> AppraisalReport:
    """Withdraw a report: its verification page says so from now on; the record itself stays."""
    AppraisalError.require(
        is_platform_staff(actor) or report.case.appraiser.user_id == actor.pk,
        _("Only the appraiser or platform staff can revoke a report."),
        "not_allowed",
    )
    reason = (reason or "").strip()
    AppraisalError.require(bool(reason), _("Say why the report is revoked."), "reason")
    with transaction.atomic():
        locked = AppraisalReport.objects.select_for_update().get(pk=report.pk)
        AppraisalError.require(
            locked.revoked_at is None, _("This report has already been revoked."), "revoked"
        )
        locked.revoked_at = timezone.now()
        locked.revocation_reason = reason[:300]
        locked.save(update_fields=["revoked_at", "revocation_reason"])
        signals.report_revoked.send(sender=AppraisalReport, report=locked, actor=actor, reason=reason)
        if report.case.listing_id:
            listing_actions.note_changed(report.case.listing_id)
    report.revoked_at, report.revocation_reason = locked.revoked_at, locked.revocation_reason
    return locked
