"""Who may act on a listing, as refusals: the same check, message and code wherever it applies."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ..errors import ListingError
from ..models import Listing
from ..permissions import can_moderate_listings, is_listing_seller


def require_seller(listing: Listing, actor) -> None:
    ListingError.require(
        is_listing_seller(actor, listing), _("Only the seller can do this."), code="not_seller"
    )


def require_moderator(actor) -> None:
    ListingError.require(
        can_moderate_listings(actor), _("Only platform staff can moderate listings."), code="not_staff"
    )
