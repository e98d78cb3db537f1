"""Receivers for listings' signals: what the risk rules, users' reports and moderators' escalations
tell the regulator becomes a flag (and its audit entry) in the same transaction."""

from __future__ import annotations

from listings import signals
from listings.models import ListingReport
from regulation.models import Flag
from regulation.services.flags import complete_evidence, raise_flag

# Risk-rule families the regulator must see when a listing is held; other holds stay with moderation.
HELD_FLAG_TYPES = {
    "prohibited": Flag.Type.PROHIBITED,
    "stolen_phone": Flag.Type.STOLEN,
    "stolen_goods": Flag.Type.STOLEN,
}

# Report reasons serious enough for the regulator; the rest are for moderation only.
REPORT_FLAG_TYPES = {
    ListingReport.Reason.COUNTERFEIT: Flag.Type.COUNTERFEIT,
    ListingReport.Reason.PROHIBITED: Flag.Type.PROHIBITED,
    ListingReport.Reason.STOLEN: Flag.Type.STOLEN,
    ListingReport.Reason.FRAUD: Flag.Type.FRAUD,
}

# A moderator's concern when escalating; every escalation reaches the regulator.
CONCERN_FLAG_TYPES = REPORT_FLAG_TYPES | {
    ListingReport.Reason.MISLEADING: Flag.Type.MISLEADING,
    ListingReport.Reason.OFF_PLATFORM: Flag.Type.FRAUD,
    ListingReport.Reason.OTHER: Flag.Type.OTHER,
}


def on_listing_blocked(sender, *, listing, assessment, reason, **kwargs) -> None:
    """The rules blocked a listing as prohibited: the regulator gets a high-severity flag."""
    raise_flag(
        listing,
        source=Flag.Source.RULE,
        flag_type=Flag.Type.PROHIBITED,
        severity=Flag.Severity.HIGH,
        reason=str(reason),
        extra={"assessment": assessment.pk},
    )


def on_listing_held(sender, *, listing, assessment, findings, **kwargs) -> None:
    """One flag per held finding of a family the regulator watches (prohibited goods, stolen goods)."""
    for family, reason in findings:
        if family in HELD_FLAG_TYPES:
            raise_flag(
                listing,
                source=Flag.Source.RULE,
                flag_type=HELD_FLAG_TYPES[family],
                severity=Flag.Severity.HIGH,
                reason=str(reason),
                extra={"assessment": assessment.pk},
            )


def on_listing_reported(sender, *, report, **kwargs) -> None:
    """A user's report of counterfeit, prohibited, stolen goods or fraud opens a flag."""
    if report.reason not in REPORT_FLAG_TYPES:
        return
    raise_flag(
        report.listing,
        source=Flag.Source.REPORT,
        flag_type=REPORT_FLAG_TYPES[report.reason],
        severity=Flag.Severity.MEDIUM,
        reason=report.details or str(report.get_reason_display()),
        actor=report.reporter,
        extra={"report": report.pk},
    )


def on_listing_escalated(sender, *, listing, actor, concern, reason, **kwargs) -> None:
    """Platform staff handed a listing to the regulator."""
    raise_flag(
        listing,
        source=Flag.Source.MODERATION,
        flag_type=CONCERN_FLAG_TYPES.get(concern, Flag.Type.OTHER),
        severity=Flag.Severity.HIGH,
        reason=str(reason),
        actor=actor,
    )


def on_listing_photo_ready(sender, *, listing, photo, **kwargs) -> None:
    """A photo still rendering when a flag froze the listing is ready: the flag's evidence gets it."""
    complete_evidence(listing, photo)


def connect() -> None:
    signals.listing_blocked.connect(on_listing_blocked, dispatch_uid="regulation.blocked")
    signals.listing_held.connect(on_listing_held, dispatch_uid="regulation.held")
    signals.listing_reported.connect(on_listing_reported, dispatch_uid="regulation.reported")
    signals.listing_escalated.connect(on_listing_escalated, dispatch_uid="regulation.escalated")
    signals.listing_photo_ready.connect(on_listing_photo_ready, dispatch_uid="regulation.photo_ready")
