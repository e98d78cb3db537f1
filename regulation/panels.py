"""Regulation's block on the listing page (through `listings.extensions.detail_panels`): the seller's
way to answer an IP notice, and a regulator's way to flag the listing."""

from __future__ import annotations

from listings.extensions import Panel

from .models import IPNotice
from .services import may_flag


def listing_panel(request, listing) -> Panel | None:
    user = request.user
    if not user.is_authenticated:
        return None
    notices = []
    if listing.seller_id == user.pk:
        notices = list(listing.ip_notices.filter(status=IPNotice.Status.TAKEN_DOWN))
    flaggable = may_flag(user, listing)
    if not notices and not flaggable:
        return None
    return Panel("regulation/listing_panel.html", {"notices": notices, "flaggable": flaggable})
