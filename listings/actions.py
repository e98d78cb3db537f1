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
from django.utils.translation import gettext_lazy as _

from . import lifecycle, signals
from .errors import ListingError
from .models import TRANSITIONS, Listing, ListingStatusChange, TradeRegistration

S = Listing.Status
H = Listing.AuthorityHold
# Statuses in which a listing is not shown to anyone but its seller and staff.
DOWN = {S.REMOVED, S.BLOCKED}
# A regulator's hold outranks a rights holder's: when a notice ends, the regulator's takedown stays.
HOLD_RANK = {H.NONE: 0, H.IP_NOTICE: 1, H.REGULATOR: 2}


def allows(listing: Listing, new_status: str) -> bool:
    """Whether the table allows `listing` (as stored now) to move to `new_status`."""
    current = Listing.objects.filter(pk=listing.pk).values_list("status", flat=True).first()
    return new_status in TRANSITIONS.get(current, set())


def _locked(listing: Listing) -> Listing:
    return Listing.objects.select_for_update().get(pk=listing.pk)


def _copy_hold(locked: Listing, listing: Listing) -> None:
    listing.authority_hold, listing.authority_hold_reason = (
        locked.authority_hold,
        locked.authority_hold_reason,
    )


def _place_hold(locked: Listing, authority: str, *, actor, reason: str) -> bool:
    """Put the locked listing under `authority`'s hold unless a stronger one is already there."""
    authority = H(authority)
    if authority == H.NONE or HOLD_RANK[H(locked.authority_hold)] > HOLD_RANK[authority]:
        return False
    if locked.authority_hold != authority and locked.status in DOWN:
        # Already down (a moderator's removal, an earlier notice): the history says who holds it now.
        ListingStatusChange.objects.create(
            listing=locked,
            actor=actor,
            old_status=locked.status,
            new_status=locked.status,
            reason=_("Held by %(authority)s: %(reason)s") % {"authority": authority.label, "reason": reason},
        )
    locked.authority_hold, locked.authority_hold_reason = authority, reason
    locked.save(update_fields=["authority_hold", "authority_hold_reason", "updated_at"])
    return True


def take_down(listing: Listing, *, actor=None, reason: str, note: str = "", authority: str = H.NONE) -> bool:
    """Remove a listing from view. Returns False when it was already down; `note` is what the seller is told.

    With `authority` (a regulator's decision, an IP notice) the listing is also put under that
    authority's hold, even when it was already down: neither the seller's appeal nor a moderator's
    approval brings it back, only `restore(…, authority=…)` or `lift_authority_hold`.
    """
    with transaction.atomic():
        locked = _locked(listing)
        placed = _place_hold(locked, authority, actor=actor, reason=reason)
        if placed and locked.status == S.REMOVED and note:
            locked.moderation_note = note
            locked.save(update_fields=["moderation_note", "updated_at"])
        _copy_hold(locked, listing)
        if locked.status in DOWN:
            return False
        lifecycle.move(locked, S.REMOVED, actor=actor, reason=reason, moderation_note=note or reason)
        listing.status = S.REMOVED
        return True


def block(listing: Listing, *, actor=None, reason: str, authority: str = H.NONE) -> bool:
    """Block a listing for good (prohibited goods, a counterfeit verdict, a police referral). Returns
    False when it was already blocked. A sold listing stays a record of the sale: refused.
    `authority` as for `take_down`."""
    with transaction.atomic():
        locked = _locked(listing)
        _place_hold(locked, authority, actor=actor, reason=reason)
        _copy_hold(locked, listing)
        if locked.status == S.BLOCKED:
            return False
        lifecycle.move(locked, S.BLOCKED, actor=actor, reason=reason)
        listing.status = S.BLOCKED
        return True


def lift_authority_hold(listing: Listing, *, authority: str, actor=None, reason: str) -> bool:
    """`authority` no longer keeps the listing down (the regulator reversed, the notice ended).

    Lifts only that authority's own hold and leaves the status as it is; returns False when the
    listing was not under `authority`'s hold (a stronger hold stays).
    """
    authority = H(authority)
    with transaction.atomic():
        locked = _locked(listing)
        if authority == H.NONE or locked.authority_hold != authority:
            return False
        locked.authority_hold, locked.authority_hold_reason = H.NONE, ""
        locked.save(update_fields=["authority_hold", "authority_hold_reason", "updated_at"])
        ListingStatusChange.objects.create(
            listing=locked,
            actor=actor,
            old_status=locked.status,
            new_status=locked.status,
            reason=_("%(authority)s lifted its hold: %(reason)s")
            % {"authority": authority.label, "reason": reason},
        )
        _copy_hold(locked, listing)
        return True


def restore(listing: Listing, *, actor=None, reason: str, authority: str = H.NONE) -> bool:
    """Put a removed listing back on offer. Returns False if it was not removed or is still held.

    With `authority`, that authority's hold is lifted first, and the listing comes back only if that
    hold is what kept it down: a notice that ends never republishes a listing that moderation or the
    regulator removed.
    """
    with transaction.atomic():
        locked = _locked(listing)
        if authority != H.NONE and not lift_authority_hold(
            locked, authority=authority, actor=actor, reason=reason
        ):
            _copy_hold(locked, listing)
            return False
        _copy_hold(locked, listing)
        if locked.status != S.REMOVED or locked.held_by_authority:
            return False
        lifecycle.move(locked, S.PUBLISHED, actor=actor, reason=reason, moderation_note="")
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
    "lift_authority_hold",
    "mark_sold",
    "note_changed",
    "release",
    "reserve",
    "restore",
    "take_down",
]
