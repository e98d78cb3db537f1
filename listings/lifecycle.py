"""The listing state machine: the one place a listing's status changes."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from marketplace.core.transitions import StateMachine

from . import signals
from .errors import ListingError
from .models import TRANSITIONS, Listing, ListingStatusChange

S = Listing.Status


def _on_enter(listing: Listing, new_status: str) -> list[str]:
    if new_status != S.PUBLISHED:
        return []
    now = timezone.now()
    listing.published_at = listing.published_at or now
    listing.expires_at = now + dt.timedelta(days=settings.LISTING_LIFETIME_DAYS)
    return ["published_at", "expires_at"]


MACHINE = StateMachine(
    model=Listing,
    table=TRANSITIONS,
    error=ListingError,
    history=ListingStatusChange,
    history_fk="listing",
    on_enter=_on_enter,
)


def move(listing: Listing, new_status: str, *, actor=None, reason: str = "", **fields) -> Listing:
    """Move a listing under its row lock (call inside `atomic()`), record it, tell search."""
    locked = MACHINE.move(listing, new_status, actor=actor, reason=reason, **fields)
    signals.listing_changed.send(sender=Listing, listing_id=locked.pk)
    return locked


def note_changed(listing_id: int) -> None:
    """The listing's public document changed without a status change (an edit, a photo, a badge)."""
    signals.listing_changed.send(sender=Listing, listing_id=listing_id)
