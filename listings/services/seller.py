"""The seller's own lifecycle actions, and expiry at the end of the listing period."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import lifecycle
from ..models import Listing, ListingStatusChange
from .guards import require_seller

S = Listing.Status


def withdraw_listing(listing: Listing, *, actor) -> Listing:
    """The seller takes a listing off offer; it may be reopened as a draft later."""
    require_seller(listing, actor)
    with transaction.atomic():
        return lifecycle.move(listing, S.WITHDRAWN, actor=actor)


def reopen_as_draft(listing: Listing, *, actor) -> Listing:
    """A withdrawn listing becomes a draft again, to be edited and submitted."""
    require_seller(listing, actor)
    with transaction.atomic():
        return lifecycle.move(listing, S.DRAFT, actor=actor)


def expire_due_listings(*, now: dt.datetime | None = None) -> int:
    """Expire published listings past their date. Safe to run from several workers at once:
    each row moves only if it is still published."""
    now = now or timezone.now()
    expired = 0
    for pk in Listing.objects.due_to_expire(now).values_list("pk", flat=True).iterator():
        with transaction.atomic():
            moved = Listing.objects.filter(pk=pk, status=S.PUBLISHED).update(status=S.EXPIRED, updated_at=now)
            if moved != 1:
                continue  # another worker, or the seller, got there first
            ListingStatusChange.objects.create(
                listing_id=pk,
                actor=None,
                old_status=S.PUBLISHED,
                new_status=S.EXPIRED,
                reason=_("Listing period ended"),
                at=now,
            )
            lifecycle.note_changed(pk)
            expired += 1
    return expired
