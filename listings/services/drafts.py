"""Creating and editing a listing's text and terms."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .. import lifecycle
from ..errors import ListingError
from ..models import EDITABLE, Listing, RiskAssessment
from .guards import require_seller
from .submission import assess_and_route, check_complete
from .text import plain_text

S = Listing.Status

EDITABLE_FIELDS = [
    "title",
    "description",
    "category",
    "attributes",
    "condition",
    "trade_mode",
    "price",
    "negotiable",
    "quantity",
    "community",
    "pickup",
    "delivery",
]


def _clean_fields(data: dict) -> dict:
    cleaned = {name: data[name] for name in EDITABLE_FIELDS if name in data}
    for name in ("title", "description"):
        if name in cleaned:
            cleaned[name] = plain_text(cleaned[name])
    if cleaned.get("price") is not None:
        cleaned["price"] = Decimal(str(cleaned["price"])).quantize(Decimal("0.01"))
    if cleaned.get("trade_mode") and cleaned["trade_mode"] != "sell":
        cleaned["price"] = None
        cleaned["negotiable"] = False
    return cleaned


def create_draft(seller, **data) -> Listing:
    """Save a new listing as a draft. Drafts are visible to their seller only."""
    fields = _clean_fields(data)
    fields.setdefault("community", seller.community)
    ListingError.require(
        fields.get("community") is not None,
        _("Choose your community in your profile first."),
        code="no_community",
    )
    return Listing.objects.create(seller=seller, status=S.DRAFT, **fields)


def update_listing(listing: Listing, *, actor, **data) -> Listing:
    """Change a listing. A listing already public is assessed again and may go back to review."""
    require_seller(listing, actor)
    with transaction.atomic():
        locked = Listing.objects.select_for_update().get(pk=listing.pk)
        ListingError.require(
            locked.status in EDITABLE,
            _("A %(status)s listing cannot be changed.") % {"status": locked.get_status_display()},
        )
        for name, value in _clean_fields(data).items():
            setattr(locked, name, value)
        if locked.status in (S.PUBLISHED, S.PENDING_REVIEW):
            check_complete(locked)  # an edit cannot turn a gift into a sale without verification
        locked.save()
        lifecycle.note_changed(locked.pk)
        if locked.status in (S.PUBLISHED, S.PENDING_REVIEW):
            assess_and_route(locked, actor=actor, trigger=RiskAssessment.Trigger.EDIT)
    return locked
