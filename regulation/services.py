"""Writes for the regulator side."""

from __future__ import annotations

from django.db import transaction

from .models import Flag


def listing_snapshot(listing) -> dict:
    """The listing as it is now, frozen into the flag: later edits cannot change the evidence."""
    photos = listing.listing_photos.select_related("photo").order_by("position")
    return {
        "listing_id": listing.pk,
        "title": listing.title,
        "description": listing.description,
        "category": listing.category.path,
        "attributes": listing.attributes,
        "condition": listing.condition,
        "trade_mode": listing.trade_mode,
        "price": str(listing.price) if listing.price is not None else None,
        "status": listing.status,
        "community": listing.community.name,
        "seller_id": listing.seller_id,
        "photo_hashes": [item.photo.phash for item in photos],
    }


def raise_flag(
    listing, *, source: str, flag_type: str, severity: str, reason: str, actor=None, extra=None
) -> Flag:
    """Open a flag on a listing with a snapshot of it as evidence."""
    with transaction.atomic():
        evidence = {"listing": listing_snapshot(listing)} | (extra or {})
        return Flag.objects.create(
            listing=listing,
            source=source,
            flag_type=flag_type,
            severity=severity,
            reason=reason,
            evidence=evidence,
            raised_by=actor,
        )
