"""Submission: completeness, the risk rules and their routing, and the trade registration."""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.permissions import can_sell

from .. import lifecycle, risk, signals
from ..errors import ListingError
from ..models import Listing, Outcome, RiskAssessment, RiskHit, TradeRegistration
from .guards import require_seller

logger = logging.getLogger(__name__)
S = Listing.Status


def check_complete(listing: Listing) -> None:
    """Raise ListingError unless the listing has what publishing needs (photo, price, verified seller,
    the category's required details)."""
    ListingError.require(
        # A photo that failed to process shows nothing: it does not count.
        listing.listing_photos.exclude(photo__status="failed").exists(),
        _("Add at least one photo before publishing."),
        code="no_photos",
    )
    if listing.trade_mode == "sell":
        ListingError.require(
            can_sell(listing.seller),
            _("Verify your identity before selling; you can still swap or give items away."),
            code="unverified",
        )
        ListingError.require(
            listing.price is not None and listing.price >= Decimal("0.01"),
            _("Set a price for an item for sale."),
            code="no_price",
        )
    missing = [
        item["label"]
        for item in listing.category.all_attributes()
        if item.get("required") and not (listing.attributes or {}).get(item["key"])
    ]
    ListingError.require(
        not missing, _("Fill in: %(fields)s") % {"fields": "、".join(missing)}, code="missing_attributes"
    )


def record_assessment(
    findings: list[risk.Finding], trigger: str, *, listing: Listing | None = None, message=None
) -> RiskAssessment:
    """Store one run of the rules with every hit, its rule version, reason and evidence."""
    assessment = RiskAssessment.objects.create(
        listing=listing, message=message, trigger=trigger, outcome=risk.decide(findings)
    )
    RiskHit.objects.bulk_create(
        RiskHit(
            assessment=assessment,
            rule=f.rule,
            rule_version=f.rule.version,
            family=f.rule.family,
            outcome=f.outcome,
            reason=f.reason[:300],
            evidence=f.evidence,
        )
        for f in findings
    )
    return assessment


def assess_and_route(listing: Listing, *, actor, trigger: str) -> RiskAssessment:
    """Run the rules; block, hold for review or publish according to the most severe finding.

    Call inside `atomic()` with the listing locked. Blocks and holds are signalled (`listing_blocked`,
    `listing_held`) in this transaction, so the regulator's flags commit with them.
    """
    findings = risk.assess_listing(listing)
    assessment = record_assessment(findings, trigger, listing=listing)
    if assessment.outcome == Outcome.BLOCK:
        reason = "; ".join(str(f.reason) for f in findings if f.outcome == Outcome.BLOCK)
        lifecycle.move(listing, S.BLOCKED, actor=None, reason=reason)
        transaction.on_commit(lambda: logger.info("listing %s blocked by rules", listing.pk))
        signals.listing_blocked.send(sender=Listing, listing=listing, assessment=assessment, reason=reason)
    elif assessment.outcome == Outcome.HOLD:
        if listing.status != S.PENDING_REVIEW:
            lifecycle.move(listing, S.PENDING_REVIEW, actor=None, reason=_("Held by risk rules"))
        held = [(f.rule.family, str(f.reason)) for f in findings if f.outcome == Outcome.HOLD]
        signals.listing_held.send(sender=Listing, listing=listing, assessment=assessment, findings=held)
    elif trigger == RiskAssessment.Trigger.SUBMIT:
        # Edits never publish by themselves: a listing held by moderation stays held until decided.
        lifecycle.move(listing, S.PUBLISHED, actor=actor)
        register_trade(listing)
    return assessment


def submit_listing(listing: Listing, *, actor) -> Listing:
    """Send a draft (or an expired listing being renewed) through the rules.

    Outcome: published, pending review, or blocked. Raises ListingError if incomplete.
    """
    require_seller(listing, actor)
    with transaction.atomic():
        locked = Listing.objects.select_for_update().get(pk=listing.pk)
        ListingError.require(
            locked.status in (S.DRAFT, S.EXPIRED),
            _("Only drafts and expired listings can be submitted."),
            code="transition",
        )
        check_complete(locked)
        assess_and_route(locked, actor=actor, trigger=RiskAssessment.Trigger.SUBMIT)
        locked.refresh_from_db()
    return locked


def register_trade(listing: Listing) -> TradeRegistration:
    """Snapshot seller identity and item identifiers, kept beyond the listing and the account."""
    identity = listing.seller.identity_verifications.current().first()
    attributes = listing.attributes or {}
    return TradeRegistration.objects.create(
        listing=listing,
        seller=listing.seller,
        identity=identity,
        seller_name_masked=identity.real_name_masked if identity else "",
        item_name=listing.title,
        quantity=listing.quantity,
        category_path=listing.category.path,
        condition=listing.condition,
        trade_mode=listing.trade_mode,
        price=listing.price,
        identifiers={key: attributes[key] for key in ("imei", "mac", "vin", "plate") if attributes.get(key)},
        attributes=attributes,
        community_name=str(listing.community),
        retain_until=timezone.now() + dt.timedelta(days=settings.TRADE_RECORD_RETENTION_DAYS),
    )
