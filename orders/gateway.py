"""The Stripe boundary: every call to Stripe goes through here, amounts in integer fen.

Pay-on-receipt: cards are authorised now and captured when the buyer confirms receipt (manual
capture). Buyers pay on Stripe's hosted Checkout page, so the site loads no third-party script.
"""

from __future__ import annotations

from functools import lru_cache

import stripe
from django.conf import settings


class PaymentsDisabled(RuntimeError):
    """No Stripe keys configured: the site offers meet-up deals only."""


def enabled() -> bool:
    return bool(settings.STRIPE_SECRET_KEY)


@lru_cache(maxsize=4)
def _client(secret_key: str, api_base: str | None) -> stripe.StripeClient:
    base = {"api": api_base} if api_base else None
    return stripe.StripeClient(secret_key, base_addresses=base, max_network_retries=2)


def client() -> stripe.StripeClient:
    if not enabled():
        raise PaymentsDisabled("STRIPE_SECRET_KEY is not set")
    return _client(settings.STRIPE_SECRET_KEY, settings.STRIPE_API_BASE)


def create_checkout(
    *,
    payment_id: int,
    amount_fen: int,
    title: str,
    success_url: str,
    cancel_url: str,
    destination_account: str | None = None,
):
    """A Checkout Session whose PaymentIntent is only authorised (manual capture)."""
    intent_data = {"capture_method": "manual", "metadata": {"payment": str(payment_id)}}
    if destination_account:
        intent_data["transfer_data"] = {"destination": destination_account}
    return client().v1.checkout.sessions.create(
        params={
            "mode": "payment",
            "payment_method_types": settings.STRIPE_PAYMENT_METHODS,
            "line_items": [
                {
                    "price_data": {
                        "currency": "cny",
                        "product_data": {"name": title},
                        "unit_amount": amount_fen,
                    },
                    "quantity": 1,
                }
            ],
            "payment_intent_data": intent_data,
            "metadata": {"payment": str(payment_id)},
            "success_url": success_url,
            "cancel_url": cancel_url,
        },
        # The same payment never opens two sessions, even if the request is retried.
        options={"idempotency_key": f"checkout-{payment_id}-{amount_fen}"},
    )


def capture(intent_id: str, *, amount_fen: int):
    return client().v1.payment_intents.capture(
        intent_id,
        params={"amount_to_capture": amount_fen},
        options={"idempotency_key": f"capture-{intent_id}"},
    )


def cancel(intent_id: str):
    return client().v1.payment_intents.cancel(intent_id, options={"idempotency_key": f"cancel-{intent_id}"})


def refund(intent_id: str, *, amount_fen: int, key: str):
    return client().v1.refunds.create(
        params={"payment_intent": intent_id, "amount": amount_fen},
        options={"idempotency_key": f"refund-{key}"},
    )


def create_connected_account(*, email: str):
    return client().v1.accounts.create(params={"type": "express", "email": email})


def onboarding_link(account_id: str, *, return_url: str, refresh_url: str) -> str:
    link = client().v1.account_links.create(
        params={
            "account": account_id,
            "type": "account_onboarding",
            "return_url": return_url,
            "refresh_url": refresh_url,
        }
    )
    return link.url


def verify_webhook(payload: bytes, signature: str | None):
    """Parse an event, refusing any payload whose signature does not match our endpoint secret."""
    return stripe.Webhook.construct_event(payload, signature, settings.STRIPE_WEBHOOK_SECRET)
