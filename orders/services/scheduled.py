"""Work the scheduler does: unpaid orders time out, receipts confirm themselves, held money settles."""

from __future__ import annotations

import datetime as dt
import logging

import stripe
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import gateway
from ..errors import OrderError
from ..models import Order, Payment
from .lifecycle import cancel_order, capture_and_complete, confirm_receipt
from .payments import P, capture

S = Order.Status


logger = logging.getLogger(__name__)


def expire_unpaid_orders(*, now: dt.datetime | None = None) -> int:
    """Cancel orders not paid within ORDER_PAYMENT_TIMEOUT_MINUTES; returns how many."""
    cutoff = (now or timezone.now()) - dt.timedelta(minutes=settings.ORDER_PAYMENT_TIMEOUT_MINUTES)
    done = 0
    for order in Order.objects.filter(status=S.PENDING_PAYMENT, created_at__lte=cutoff):
        try:
            cancel_order(order, actor=None, reason=str(_("Not paid in time")))
            done += 1
        except OrderError:
            continue  # paid or cancelled meanwhile
    return done


def auto_receive_due(*, now: dt.datetime | None = None) -> int:
    """Confirm receipt of orders handed over longer ago than the buyer's window; returns how many."""
    done = 0
    for order in Order.objects.filter(status=S.HANDED_OVER, auto_receive_at__lte=now or timezone.now()):
        try:
            confirm_receipt(order, actor=None, automatic=True)
            done += 1
        except (OrderError, gateway.PaymentsDisabled):
            continue
    return done


def settle_expiring_authorisations(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Before a card authorisation lapses: capture if the buyer has the item (a dispute can still
    refund), release it if the item was never handed over."""
    result = {"captured": 0, "released": 0}
    due = Payment.objects.filter(
        status=P.AUTHORISED, capture_before__lte=now or timezone.now()
    ).select_related("order")
    for payment in due:
        order = payment.order
        if order.status == S.PAID:
            cancel_order(order, actor=None, reason=str(_("Not handed over before the payment hold ran out")))
            result["released"] += 1
        elif order.status in (S.HANDED_OVER, S.RECEIVED, S.DISPUTED):
            capture(order)
            result["captured"] += 1
    for order in Order.objects.filter(status=S.RECEIVED, kind=Order.Kind.ONLINE):
        try:
            capture_and_complete(order)  # receipts whose capture failed earlier
        except stripe.StripeError:  # Stripe still refusing: the next run tries again, same key
            logger.warning("capture of order %s failed again", order.pk, exc_info=True)
    return result
