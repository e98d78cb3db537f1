"""Disputes: the buyer opens one, the seller answers, platform staff decide and the money follows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from contextlib import contextmanager
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from listings import actions as listing_actions
from listings.models import Listing
from listings.services.text import plain_text
from marketplace.accounts.permissions import is_platform_staff
from media.pipeline import PhotoRejected, inspect_photo
from media.services import delete_photo, store_photo

from ..errors import OrderError
from ..models import TRANSITIONS, Dispute, Order, Payment
from .payments import move_money, to_fen
from .transitions import move

S = Order.Status


def open_dispute(
    order: Order, *, actor, reason: str, description: str, photos: Sequence[bytes] = ()
) -> Dispute:
    """The buyer complains within DISPUTE_WINDOW_DAYS; the payment stays held until it is decided.

    Every photo is inspected before any is stored, and photos stored for a dispute that then fails
    are deleted: a refused submission leaves no file behind. A refused photo raises OrderError
    (code "photo_rejected") saying which one.
    """
    OrderError.require(order.buyer_id == actor.pk, _("Only the buyer can open a dispute."), "not_buyer")
    started = order.completed_at or order.handed_over_at or order.paid_at or order.created_at
    OrderError.require(
        timezone.now() <= started + dt.timedelta(days=settings.DISPUTE_WINDOW_DAYS),
        _("The time to open a dispute on this order has passed."),
        "window_closed",
    )
    OrderError.require(
        S.DISPUTED in TRANSITIONS[order.status],
        _("A dispute cannot be opened on this order now."),
        "transition",
    )
    description = plain_text(description)
    OrderError.require(bool(description), _("Describe what went wrong."), "description_required")
    limits = {"max_bytes": settings.PHOTO_MAX_BYTES, "max_pixels": settings.PHOTO_MAX_PIXELS}
    for number, data in enumerate(photos, start=1):
        with _naming_photo(number, len(photos)):
            inspect_photo(data, **limits)
    stored = []
    try:
        for number, data in enumerate(photos, start=1):
            with _naming_photo(number, len(photos)):
                stored.append(store_photo(actor, data))
        with transaction.atomic():
            move(order, S.DISPUTED, actor=actor, reason=reason)
            dispute = Dispute.objects.create(order=order, reason=reason, description=description)
            dispute.evidence.add(*stored)
    except BaseException:
        for photo in stored:
            delete_photo(photo)
        raise
    return dispute


@contextmanager
def _naming_photo(number: int, count: int):
    """Turn a photo's refusal into the order's, saying which of the photos it was."""
    try:
        yield
    except PhotoRejected as exc:
        raise OrderError(
            _("Photo %(number)s of %(count)s was not accepted: %(reason)s")
            % {"number": number, "count": count, "reason": exc.message},
            code="photo_rejected",
        ) from exc


def answer_dispute(dispute: Dispute, *, actor, response: str) -> Dispute:
    """The seller's one answer, shown to staff beside the buyer's complaint."""
    OrderError.require(
        dispute.order.seller_id == actor.pk, _("Only the seller can answer this dispute."), "not_seller"
    )
    OrderError.require(not dispute.responded_at, _("You have already answered."), "answered")
    dispute.seller_response = plain_text(response)
    dispute.responded_at = timezone.now()
    dispute.save(update_fields=["seller_response", "responded_at"])
    return dispute


def decide_dispute(
    dispute: Dispute, *, actor, resolution: str, explanation: str, refund: Decimal | None = None
) -> Order:
    """Platform staff decide; the money follows the decision and both sides see the explanation."""
    OrderError.require(is_platform_staff(actor), _("Only platform staff decide disputes."), "not_staff")
    explanation = plain_text(explanation)
    OrderError.require(bool(explanation), _("Explain the decision to both sides."), "explanation_required")
    order = dispute.order
    refund_fen = to_fen(order.price) if resolution == Order.Resolution.REFUND else to_fen(refund or 0)
    if resolution == Order.Resolution.RELEASE:
        refund_fen = 0
    OrderError.require(
        0 <= refund_fen <= to_fen(order.price), _("The refund cannot exceed the price."), "refund_too_large"
    )
    if resolution == Order.Resolution.PARTIAL_REFUND:
        OrderError.require(
            0 < refund_fen < to_fen(order.price),
            _("A partial refund is more than 0 and less than the price."),
            "refund_range",
        )

    # One decision per dispute: the order row is locked while the money moves, so a second member of
    # staff deciding at the same moment waits, then finds it decided. Stripe calls carry fixed
    # idempotency keys, so a retry after a failure never moves money twice.
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        OrderError.require(order.status == S.DISPUTED, _("This dispute has already been decided."), "decided")
        payment = Payment.objects.select_for_update().filter(order=order).first()
        # A cash deal left no money with the platform: there is nothing to split.
        OrderError.require(
            payment is not None or resolution != Order.Resolution.PARTIAL_REFUND,
            _(
                "The platform holds no money for a cash deal: decide a full refund (goods and cash go back) "
                "or release."
            ),
            "no_platform_money",
        )
        if payment is not None:
            move_money(payment, refund_fen=refund_fen)
        now = timezone.now()
        Dispute.objects.filter(pk=dispute.pk).update(
            decided_by=actor, decided_at=now, refund_fen=refund_fen, explanation=explanation
        )
        order = move(order, S.RESOLVED, actor=actor, reason=explanation, resolution=resolution)
        listing = Listing.objects.select_for_update().get(pk=order.listing_id)
        if resolution == Order.Resolution.REFUND:
            listing_actions.release(
                listing,
                actor=actor,
                reason=str(_("Order %(reference)s refunded") % {"reference": order.reference}),
            )
        elif listing.status == Listing.Status.RESERVED:
            # No price: what a disputed sale settled at says more about the dispute than the market.
            listing_actions.mark_sold(
                listing,
                actor=actor,
                reason=str(_("Order %(reference)s resolved") % {"reference": order.reference}),
            )
    return order
