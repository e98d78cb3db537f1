"""Stripe webhooks: verified, stored once, processed idempotently and in any order.

Handlers look at the PaymentIntent's state inside the event rather than trusting the order in
which events arrive; payment states only move forward, so a late event cannot undo a newer one.
"""

from __future__ import annotations

import datetime as dt
import logging

import stripe
from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import gateway, services
from .models import Payment, StripeEvent

logger = logging.getLogger(__name__)


def _payment_for(intent: dict) -> Payment | None:
    payment_id = (intent.get("metadata") or {}).get("payment")
    query = Payment.objects.filter(pk=payment_id) if payment_id and str(payment_id).isdigit() else None
    if query is None or not query.exists():
        query = Payment.objects.filter(intent_id=intent.get("id"))
    return query.first()


def handle_intent(intent: dict) -> None:
    payment = _payment_for(intent)
    if payment is None:
        logger.warning("webhook for unknown payment intent %s", intent.get("id"))
        return
    state = intent.get("status")
    if state in ("requires_capture", "succeeded"):
        services.confirm_payment(payment, intent_id=intent["id"], amount_fen=intent.get("amount"))
    if state == "succeeded":
        services.record_capture(payment, captured_fen=intent.get("amount_received") or intent.get("amount"))
    if state == "canceled":
        services.cancel_payment(payment)


def handle_account(account: dict) -> None:
    services.update_payout_account(
        account.get("id") or "",
        details_submitted=bool(account.get("details_submitted")),
        payouts_enabled=bool(account.get("payouts_enabled")),
    )


HANDLERS = {
    "payment_intent.amount_capturable_updated": handle_intent,
    "payment_intent.succeeded": handle_intent,
    "payment_intent.canceled": handle_intent,
    "payment_intent.payment_failed": handle_intent,
    "account.updated": handle_account,
}


@csrf_exempt
@require_POST
def stripe_webhook(request):
    try:
        event = gateway.verify_webhook(request.body, request.headers.get("Stripe-Signature"))
    except (ValueError, stripe.SignatureVerificationError):
        return HttpResponseBadRequest("invalid signature")
    try:
        with transaction.atomic():
            record = StripeEvent.objects.create(
                event_id=event["id"],
                event_type=event["type"],
                payload=event.to_dict(),
                created=dt.datetime.fromtimestamp(event["created"], tz=dt.UTC),
            )
    except IntegrityError:
        return HttpResponse("already received")  # a replay: 2xx and no effect
    handler = HANDLERS.get(event["type"])
    if handler is not None:
        try:
            handler(event["data"]["object"].to_dict())
        except Exception as exc:
            # Stored but not processed: answer 500 so Stripe retries; the retry is not a duplicate
            # because the row is removed again.
            logger.exception("webhook %s failed", event["id"])
            StripeEvent.objects.filter(pk=record.pk).delete()
            return HttpResponse(f"processing failed: {exc.__class__.__name__}", status=500)
    StripeEvent.objects.filter(pk=record.pk).update(processed_at=timezone.now())
    return HttpResponse("ok")
