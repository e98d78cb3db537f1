"""Placing an order and taking it through hand-over and receipt to completion, or cancelling it.

The listing changes only through `listings.actions`: reserved when the order is placed, sold when it
completes, released when it is cancelled.
"""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal

import stripe
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from listings import actions as listing_actions
from listings.models import Listing
from marketplace.accounts.permissions import is_platform_staff
from marketplace.core.errors import DomainError

from .. import gateway, signals
from ..errors import OrderError
from ..models import Order, OrderStatusChange, Payment
from .payments import P, capture, release_authorisation, to_fen
from .transitions import move

logger = logging.getLogger(__name__)
S = Order.Status


def check_purchase(listing: Listing, *, buyer) -> None:
    """Ask the apps above whether `buyer` may take `listing`; their refusal becomes an OrderError."""
    try:
        listing_actions.check_purchase(listing, buyer=buyer)
    except OrderError:
        raise
    except DomainError as exc:
        raise OrderError(exc.message, code=exc.code) from exc


def place_order(listing: Listing, *, buyer, kind: str) -> Order:
    """Take a listing for one buyer. The listing row is locked, so of any number of buyers
    trying at once exactly one gets it; the rest are told it has just gone."""
    OrderError.require(listing.seller_id != buyer.pk, _("You cannot buy your own listing."), "own_listing")
    expected = {"sell": {Order.Kind.ONLINE, Order.Kind.MEETUP}, "give": {Order.Kind.GIFT}}.get(
        listing.trade_mode
    )
    OrderError.require(
        expected is not None, _("This item is for swapping: propose a swap instead."), "swap_only"
    )
    OrderError.require(kind in expected, _("This way of trading does not fit this listing."), "wrong_kind")
    check_purchase(listing, buyer=buyer)
    if kind == Order.Kind.ONLINE:
        OrderError.require(
            gateway.enabled(), _("Online payment is not available; arrange a meet-up instead."), "no_payments"
        )
    now = timezone.now()
    with transaction.atomic():
        locked = Listing.objects.select_for_update().get(pk=listing.pk)
        OrderError.require(
            locked.status == Listing.Status.PUBLISHED,
            _("Just sold: someone else was quicker. Have a look at similar items."),
            "just_sold",
        )
        listing_actions.reserve(locked, actor=buyer, reason=str(_("Order placed")))
        status = S.PENDING_PAYMENT if kind == Order.Kind.ONLINE else S.AGREED
        order = Order.objects.create(
            listing=locked,
            buyer=buyer,
            seller_id=locked.seller_id,
            kind=kind,
            status=status,
            item_title=locked.title,
            item_category=locked.category.path,
            price=locked.price or Decimal("0.00"),
            created_at=now,
            retain_until=now + dt.timedelta(days=settings.TRADE_RECORD_RETENTION_DAYS),
        )
        OrderStatusChange.objects.create(order=order, actor=buyer, old_status="", new_status=status)
        if kind == Order.Kind.ONLINE:
            Payment.objects.create(order=order, amount_fen=to_fen(order.price))
    return order


def mark_handed_over(order: Order, *, actor, note: str = "") -> Order:
    """The seller hands the item over (or ships it); the buyer's confirmation window starts."""
    OrderError.require(
        order.seller_id == actor.pk, _("Only the seller can mark the hand-over."), "not_seller"
    )
    now = timezone.now()
    with transaction.atomic():
        return move(
            order,
            S.HANDED_OVER,
            actor=actor,
            reason=note,
            handed_over_at=now,
            handover_note=note[:200],
            auto_receive_at=now + dt.timedelta(days=settings.ORDER_AUTO_RECEIVE_DAYS),
        )


def confirm_receipt(order: Order, *, actor, automatic: bool = False) -> Order:
    """The buyer has the item: online payments are captured and the sale completes."""
    if not automatic:
        OrderError.require(order.buyer_id == actor.pk, _("Only the buyer can confirm receipt."), "not_buyer")
    reason = str(_("Confirmed automatically after the waiting period")) if automatic else ""
    now = timezone.now()
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.kind != Order.Kind.ONLINE:
            OrderError.require(
                locked.status in (S.AGREED, S.HANDED_OVER),
                _("This order cannot be confirmed now."),
                "transition",
            )
            return _complete(locked, actor=actor, reason=reason, received_at=now)
        locked = move(locked, S.RECEIVED, actor=actor, reason=reason, received_at=now)
    try:
        return capture_and_complete(locked)
    except stripe.StripeError:
        # The receipt stands; the capture (same idempotency key) is retried by the scheduler.
        logger.warning("capture of order %s failed; it will be retried", locked.pk, exc_info=True)
        return locked


def capture_and_complete(order: Order) -> Order:
    """Capture a received order's payment and complete it. Retried by the scheduler if Stripe fails."""
    capture(order)
    with transaction.atomic():
        return _complete(
            Order.objects.select_for_update().get(pk=order.pk), actor=None, reason=str(_("Payment captured"))
        )


def _complete(order: Order, *, actor, reason: str = "", **fields) -> Order:
    now = timezone.now()
    order = move(
        order,
        S.COMPLETED,
        actor=actor,
        reason=reason,
        completed_at=now,
        retain_until=now + dt.timedelta(days=settings.TRADE_RECORD_RETENTION_DAYS),
        **fields,
    )
    listing = Listing.objects.select_for_update().get(pk=order.listing_id)
    if listing.status == Listing.Status.RESERVED:
        # A give-away (price 0) is not a sale: it tells appraisal nothing about prices.
        listing_actions.mark_sold(
            listing,
            actor=actor,
            reason=str(_("Order %(reference)s completed") % {"reference": order.reference}),
            price=order.price or None,
        )
    _flag_repeated_pair(order)
    return order


def _flag_repeated_pair(order: Order) -> None:
    """The same two accounts trading again and again is how ratings are farmed."""
    since = timezone.now() - dt.timedelta(days=30)
    pair = Q(buyer_id=order.buyer_id, seller_id=order.seller_id) | Q(
        buyer_id=order.seller_id, seller_id=order.buyer_id
    )
    count = Order.objects.filter(pair, status=S.COMPLETED, completed_at__gte=since).count()
    if count == settings.RATING_FARM_ORDERS:
        signals.rating_farming_suspected.send(
            sender=Order,
            order=order,
            count=count,
            order_ids=list(Order.objects.filter(pair).values_list("pk", flat=True)),
        )


def cancel_order(order: Order, *, actor, reason: str = "") -> Order:
    """Cancel before hand-over; a held payment is released and the listing goes back on offer."""
    if actor is not None:
        OrderError.require(
            actor.pk in (order.buyer_id, order.seller_id) or is_platform_staff(actor),
            _("Only the buyer or the seller can cancel this order."),
            "not_party",
        )
    with transaction.atomic():
        locked = move(order, S.CANCELLED, actor=actor, reason=reason)
        listing_actions.release(
            locked.listing,
            actor=actor,
            reason=str(_("Order %(reference)s cancelled") % {"reference": locked.reference}),
        )
    payment = Payment.objects.filter(order=locked).first()
    if payment and payment.status == P.AUTHORISED:
        release_authorisation(payment)
    return locked
