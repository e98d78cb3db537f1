"""Listings' public actions for the apps above it (regulation, orders, appraisal).

Each decides from the transition table whether it is allowed, is idempotent where that makes sense
(taking down a listing that is already down changes nothing), and otherwise raises `ListingError` with
a message the user can read. Call them inside the caller's `transaction.atomic()`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import lifecycle, signals
from .errors import ListingError
from .models import TRANSITIONS, Listing, TradeRegistration

S = Listing.Status
# Statuses in which a listing is not shown to anyone but its seller and staff.
DOWN = {S.REMOVED, S.BLOCKED}


def allows(listing: Listing, new_status: str) -> bool:
    """Whether the table allows `listing` (as stored now) to move to `new_status`."""
    current = Listing.objects.filter(pk=listing.pk).values_list("status", flat=True).first()
    return new_status in TRANSITIONS.get(current, set())


def _locked(listing: Listing) -> Listing:
    return Listing.objects.select_for_update().get(pk=listing.pk)


def take_down(listing: Listing, *, actor=None, reason: str, note: str = "") -> bool:
    """Remove a listing from view (a regulator's decision, an IP notice). Returns False when it was
    already down; `note` is what the seller is told."""
    with transaction.atomic():
        locked = _locked(listing)
        if locked.status in DOWN:
            return False
        lifecycle.move(locked, S.REMOVED, actor=actor, reason=reason, moderation_note=note or reason)
        listing.status = S.REMOVED
        return True


def block(listing: Listing, *, actor=None, reason: str) -> bool:
    """Block a listing for good (prohibited goods, a counterfeit verdict, a police referral). Returns
    False when it was already blocked. A sold listing stays a record of the sale: refused."""
    with transaction.atomic():
        locked = _locked(listing)
        if locked.status == S.BLOCKED:
            return False
        lifecycle.move(locked, S.BLOCKED, actor=actor, reason=reason)
        listing.status = S.BLOCKED
        return True


def restore(listing: Listing, *, actor=None, reason: str) -> bool:
    """Put a removed listing back on offer (an IP notice lapsed). Returns False if it was not removed."""
    with transaction.atomic():
        locked = _locked(listing)
        if locked.status != S.REMOVED:
            return False
        lifecycle.move(locked, S.PUBLISHED, actor=actor, reason=reason)
        listing.status = S.PUBLISHED
        return True


def reserve(listing: Listing, *, actor, reason: str = "") -> Listing:
    """Hold a listing for one order or swap. Exactly one may hold it: the row lock decides."""
    with transaction.atomic():
        return lifecycle.move(listing, S.RESERVED, actor=actor, reason=reason)


def release(listing: Listing, *, actor, reason: str = "") -> bool:
    """Put a reserved listing back on offer (an order was cancelled or refunded)."""
    with transaction.atomic():
        locked = _locked(listing)
        if locked.status != S.RESERVED:
            return False
        lifecycle.move(locked, S.PUBLISHED, actor=actor, reason=reason)
        listing.status = S.PUBLISHED
        return True


def mark_sold(listing: Listing, *, actor, reason: str = "", price: Decimal | None = None) -> Listing:
    """Close a reserved listing as sold; its trade record is kept from the sale on."""
    with transaction.atomic():
        locked = lifecycle.move(listing, S.SOLD, actor=actor, reason=reason)
        now = timezone.now()
        TradeRegistration.objects.filter(listing=locked).update(
            retain_until=now + dt.timedelta(days=settings.TRADE_RECORD_RETENTION_DAYS)
        )
        signals.listing_sold.send(sender=Listing, listing=locked, price=price, sold_at=now)
        return locked


def check_purchase(listing: Listing, *, buyer) -> None:
    """Ask the apps above whether `buyer` may buy or swap for `listing`; they raise to refuse."""
    signals.purchase_requested.send(sender=Listing, listing=listing, buyer=buyer)


note_changed = lifecycle.note_changed

__all__ = [
    "ListingError",
    "allows",
    "block",
    "check_purchase",
    "mark_sold",
    "note_changed",
    "release",
    "reserve",
    "restore",
    "take_down",
]
