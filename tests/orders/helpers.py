import json
import time

from django.conf import settings
from stripe import WebhookSignature

EVENT_COUNTER = iter(range(1, 10**9))


def intent_event(
    payment,
    *,
    status="requires_capture",
    event_type="payment_intent.amount_capturable_updated",
    amount=None,
    event_id=None,
    intent_id=None,
):
    intent = {
        "id": intent_id or payment.intent_id or f"pi_test_{payment.pk}",
        "object": "payment_intent",
        "status": status,
        "amount": payment.amount_fen if amount is None else amount,
        "amount_received": payment.amount_fen if status == "succeeded" else 0,
        "currency": "cny",
        "capture_method": "manual",
        "metadata": {"payment": str(payment.pk)},
    }
    return {
        "id": event_id or f"evt_test_{next(EVENT_COUNTER)}",
        "object": "event",
        "type": event_type,
        "created": int(time.time()),
        "data": {"object": intent},
    }


def signed(event: dict, secret: str | None = None) -> tuple[str, str]:
    """The payload and the Stripe-Signature header made with the SDK's own signing helper."""
    payload = json.dumps(event)
    return payload, WebhookSignature.generate_signature_header(
        payload, secret or settings.STRIPE_WEBHOOK_SECRET
    )


def post_event(client, event: dict, secret: str | None = None):
    from django.urls import reverse

    payload, header = signed(event, secret)
    return client.post(
        reverse("orders:stripe_webhook"),
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=header,
    )
