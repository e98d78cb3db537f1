"""Online payments: checkout, authorisation, capture, release, refunds, and sellers' payout accounts.

Stripe calls happen outside row locks: state is written first, the call is made, the result is
recorded; a call that fails leaves a state the scheduled tasks pick up again. A payment's status
only moves forward (see `Payment.RANK`), so a late or replayed webhook cannot undo a newer state.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import gateway
from ..errors import OrderError
from ..models import Order, Payment, PayoutAccount
from .transitions import move

S = Order.Status
P = Payment.Status


def to_fen(amount: Decimal) -> int:
    """CNY to integer fen, Stripe's unit."""
    return int((Decimal(amount) * 100).quantize(Decimal("1")))


def start_checkout(order: Order, *, actor, success_url: str, cancel_url: str) -> str:
    """Open Stripe Checkout for an unpaid order and return its URL."""
    OrderError.require(order.buyer_id == actor.pk, _("Only the buyer can pay for this order."), "not_buyer")
    OrderError.require(
        order.status == S.PENDING_PAYMENT, _("This order is not waiting for payment."), "not_payable"
    )
    payment = order.payment
    destination = getattr(order.seller, "payout_account", None)
    session = gateway.create_checkout(
        payment_id=payment.pk,
        amount_fen=payment.amount_fen,
        title=order.item_title,
        success_url=success_url,
        cancel_url=cancel_url,
        destination_account=destination.stripe_account_id
        if destination and destination.payouts_enabled
        else None,
    )
    Payment.objects.filter(pk=payment.pk).update(
        checkout_session_id=session.id, intent_id=session.payment_intent or payment.intent_id
    )
    return session.url


def confirm_payment(payment: Payment, *, intent_id: str, amount_fen: int) -> Order:
    """The only way an order becomes paid: the authorisation Stripe reported for its payment.

    Idempotent: a payment already authorised (or further) is left as it is.
    """
    release = False
    with transaction.atomic():
        locked = Payment.objects.select_for_update().select_related("order").get(pk=payment.pk)
        order = locked.order
        if Payment.RANK[locked.status] >= Payment.RANK[P.AUTHORISED]:
            return order
        if amount_fen != locked.amount_fen:
            raise OrderError(_("The amount authorised does not match the order."), code="amount_mismatch")
        now = timezone.now()
        locked.status = P.AUTHORISED
        locked.intent_id = intent_id
        locked.authorised_at = now
        locked.capture_before = (
            now
            + dt.timedelta(days=settings.PAYMENT_AUTHORISATION_DAYS)
            - dt.timedelta(hours=settings.PAYMENT_CAPTURE_MARGIN_HOURS)
        )
        locked.save(update_fields=["status", "intent_id", "authorised_at", "capture_before", "updated_at"])
        if order.status == S.PENDING_PAYMENT:
            order = move(order, S.PAID, actor=None, reason=str(_("Payment authorised")), paid_at=now)
        else:
            release = True  # the order timed out or was cancelled while the buyer paid: give the money back
    if release:
        release_authorisation(locked)
    return order


def record_capture(payment: Payment, *, captured_fen: int) -> None:
    """Stripe captured `captured_fen`; idempotent and forward-only."""
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        if Payment.RANK[locked.status] < Payment.RANK[P.CAPTURED]:
            locked.status = P.CAPTURED
            locked.captured_fen = captured_fen
            locked.save(update_fields=["status", "captured_fen", "updated_at"])


def cancel_payment(payment: Payment) -> Payment:
    """Stripe reports the authorisation cancelled; idempotent, and never undoes a later state."""
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        if Payment.RANK[locked.status] < Payment.RANK[P.CANCELLED]:
            locked.status = P.CANCELLED
            locked.save(update_fields=["status", "updated_at"])
    return locked


def release_authorisation(payment: Payment) -> None:
    """Give a held authorisation back to the buyer."""
    gateway.cancel(payment.intent_id)
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        if locked.status == P.AUTHORISED:
            locked.status = P.CANCELLED
            locked.save(update_fields=["status", "updated_at"])


def capture(order: Order, *, amount_fen: int | None = None) -> None:
    """Capture an order's authorised payment (all of it unless `amount_fen` says less)."""
    payment = Payment.objects.get(order=order)
    if payment.status != P.AUTHORISED:
        return
    amount = payment.amount_fen if amount_fen is None else amount_fen
    gateway.capture(payment.intent_id, amount_fen=amount)
    record_capture(payment, captured_fen=amount)


def move_money(payment: Payment, *, refund_fen: int) -> None:
    """Settle a disputed payment: release, capture less, or refund after capture."""
    if payment.status == P.AUTHORISED:
        if refund_fen == payment.amount_fen:
            release_authorisation(payment)
        else:
            # Capturing less than was authorised releases the rest to the buyer.
            amount = payment.amount_fen - refund_fen
            gateway.capture(payment.intent_id, amount_fen=amount)
            record_capture(payment, captured_fen=amount)
            if refund_fen:
                _set_refunded(payment, refund_fen)
    elif payment.status in (P.CAPTURED, P.PARTIALLY_REFUNDED) and refund_fen:
        gateway.refund(payment.intent_id, amount_fen=refund_fen, key=f"dispute-{payment.pk}")
        _set_refunded(payment, refund_fen)


def _set_refunded(payment: Payment, refund_fen: int) -> None:
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        locked.refunded_fen = refund_fen
        locked.status = P.REFUNDED if refund_fen >= locked.amount_fen else P.PARTIALLY_REFUNDED
        locked.save(update_fields=["refunded_fen", "status", "updated_at"])


# --- Payout accounts ---------------------------------------------------------------------------


def payout_account_for(user) -> PayoutAccount:
    """The seller's Stripe Connect account, created at Stripe on first use."""
    account = PayoutAccount.objects.filter(user=user).first()
    if account is None:
        created = gateway.create_connected_account(email=user.email)
        account = PayoutAccount.objects.create(user=user, stripe_account_id=created.id)
    return account


def update_payout_account(stripe_account_id: str, *, details_submitted: bool, payouts_enabled: bool) -> int:
    """Record what Stripe reports about a connected account; returns the rows changed (0 if unknown)."""
    return PayoutAccount.objects.filter(stripe_account_id=stripe_account_id).update(
        details_submitted=details_submitted, payouts_enabled=payouts_enabled
    )
