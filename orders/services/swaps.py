"""Swaps: a neighbour offers something for a swap-mode listing, the owner accepts, both complete it."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from listings import actions as listing_actions
from listings.models import Listing
from listings.services.text import plain_text

from ..errors import OrderError
from ..models import SwapAgreement
from .lifecycle import check_purchase

A = SwapAgreement.Status


def propose_swap(
    listing: Listing, *, proposer, offer: str, offered_listing: Listing | None = None
) -> SwapAgreement:
    """Offer something in exchange for a listing on offer for swapping."""
    OrderError.require(
        listing.trade_mode == "swap", _("This listing is not offered for swapping."), "not_swap"
    )
    OrderError.require(listing.seller_id != proposer.pk, _("You cannot swap with yourself."), "own_listing")
    OrderError.require(
        listing.status == Listing.Status.PUBLISHED, _("This listing is no longer on offer."), "not_on_offer"
    )
    if offered_listing is not None:
        OrderError.require(
            offered_listing.seller_id == proposer.pk, _("You can only offer your own items."), "not_yours"
        )
    check_purchase(listing, buyer=proposer)
    offer = plain_text(offer) or (offered_listing.title if offered_listing else "")
    OrderError.require(bool(offer), _("Say what you offer in exchange."), "offer_required")
    return SwapAgreement.objects.create(
        listing=listing, proposer=proposer, offer=offer[:200], offered_listing=offered_listing
    )


def accept_swap(agreement: SwapAgreement, *, actor) -> SwapAgreement:
    """The owner accepts one offer: the listing is reserved and the other offers are declined."""
    OrderError.require(
        agreement.listing.seller_id == actor.pk, _("Only the owner can accept a swap."), "not_owner"
    )
    # Checked again on acceptance: the proposer may have appraised the item since offering.
    check_purchase(agreement.listing, buyer=agreement.proposer)
    with transaction.atomic():
        listing = Listing.objects.select_for_update().get(pk=agreement.listing_id)
        OrderError.require(
            listing.status == Listing.Status.PUBLISHED,
            _("Just swapped: another offer was accepted."),
            "just_sold",
        )
        OrderError.require(agreement.status == A.PROPOSED, _("This offer is no longer open."), "closed")
        listing_actions.reserve(listing, actor=actor, reason=f"swap {agreement.pk}")
        agreement.status = A.ACCEPTED
        agreement.decided_at = timezone.now()
        agreement.save(update_fields=["status", "decided_at"])
        # One by one (a listing has a handful of offers), so each proposer hears the answer.
        for other in SwapAgreement.objects.filter(listing=listing, status=A.PROPOSED).select_for_update():
            other.status, other.decided_at = A.DECLINED, agreement.decided_at
            other.save(update_fields=["status", "decided_at"])
    return agreement


def complete_swap(agreement: SwapAgreement, *, actor) -> SwapAgreement:
    """Either neighbour records the swap as done; the listing is sold (with no price)."""
    OrderError.require(
        actor.pk in (agreement.proposer_id, agreement.listing.seller_id),
        _("Only the two neighbours can do this."),
        "not_party",
    )
    with transaction.atomic():
        locked = SwapAgreement.objects.select_for_update().get(pk=agreement.pk)
        OrderError.require(locked.status == A.ACCEPTED, _("This swap is not agreed yet."), "not_accepted")
        listing = Listing.objects.select_for_update().get(pk=locked.listing_id)
        listing_actions.mark_sold(listing, actor=actor, reason=f"swap {locked.pk}", price=None)
        locked.status = A.COMPLETED
        locked.save(update_fields=["status"])
    return locked
