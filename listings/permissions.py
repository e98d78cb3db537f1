"""Who may see and change listings."""

from __future__ import annotations

from django.db.models import Q

from marketplace.accounts.permissions import is_platform_staff

from .models import EDITABLE, Listing

PUBLIC = (Listing.Status.PUBLISHED, Listing.Status.RESERVED, Listing.Status.SOLD)


def can_view_listing(user, listing: Listing) -> bool:
    """Public listings for everyone; drafts, held and removed ones for their seller and staff."""
    if listing.status in PUBLIC:
        return True
    if not (user and user.is_authenticated):
        return False
    return listing.seller_id == user.pk or is_platform_staff(user)


def is_listing_seller(user, listing: Listing) -> bool:
    return bool(user and user.is_authenticated and listing.seller_id == user.pk)


def can_edit_listing(user, listing: Listing) -> bool:
    return is_listing_seller(user, listing) and listing.status in EDITABLE


def can_moderate_listings(user) -> bool:
    return is_platform_staff(user)


def listings_visible_to(user, queryset=None):
    queryset = queryset if queryset is not None else Listing.objects.all()
    if is_platform_staff(user):
        return queryset
    public = Q(status__in=PUBLIC)
    if user and user.is_authenticated:
        return queryset.filter(public | Q(seller_id=user.pk))
    return queryset.filter(public)
