"""Factories for every orders model the tests build, and the Stripe webhook events they post.

Each factory builds the minimal valid object; states are traits (`OrderFactory(paid=True)`). The
listing's status follows the order's (reserved while open, sold once completed). Tests set states
directly only to arrange a situation; the code under test still goes through services.
"""

import datetime as dt
import json
import time
from decimal import Decimal

import factory
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from stripe import WebhookSignature

from listings.models import Listing
from orders.models import Dispute, Order, Payment, PayoutAccount, Rating, StripeEvent, SwapAgreement
from orders.services import to_fen
from tests.accounts.factories import UserFactory
from tests.listings.factories import ListingFactory

S = Order.Status
P = Payment.Status
# The payment state that goes with each order state of an online order.
PAYMENT_FOR = {
    S.PENDING_PAYMENT: P.REQUIRES_PAYMENT,
    S.PAID: P.AUTHORISED,
    S.HANDED_OVER: P.AUTHORISED,
    S.RECEIVED: P.AUTHORISED,
    S.DISPUTED: P.AUTHORISED,
    S.COMPLETED: P.CAPTURED,
    S.CANCELLED: P.CANCELLED,
}
LISTING_FOR = {S.COMPLETED: Listing.Status.SOLD, S.CANCELLED: Listing.Status.PUBLISHED}


def _now(days: float = 0):
    return factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=days))


class OrderFactory(factory.django.DjangoModelFactory):
    """A meet-up order (cash at hand-over) agreed on a reserved listing, unless a trait says otherwise."""

    class Meta:
        model = Order
        skip_postgeneration_save = True

    class Params:
        listing_status = factory.LazyAttribute(lambda o: LISTING_FOR.get(o.status, Listing.Status.RESERVED))
        give_away = factory.LazyAttribute(lambda o: o.kind == Order.Kind.GIFT)
        cash = factory.Trait(kind=Order.Kind.MEETUP, status=S.AGREED)
        gift = factory.Trait(kind=Order.Kind.GIFT, status=S.AGREED)
        online = factory.Trait(kind=Order.Kind.ONLINE, status=S.PENDING_PAYMENT)
        paid = factory.Trait(online=True, status=S.PAID, paid_at=_now())
        handed_over = factory.Trait(
            status=S.HANDED_OVER,
            handed_over_at=_now(),
            auto_receive_at=_now(settings.ORDER_AUTO_RECEIVE_DAYS),
        )
        completed = factory.Trait(
            status=S.COMPLETED, handed_over_at=_now(), received_at=_now(), completed_at=_now()
        )
        cancelled = factory.Trait(status=S.CANCELLED)
        disputed = factory.Trait(paid=True, status=S.DISPUTED, handed_over_at=_now())

    listing = factory.SubFactory(
        ListingFactory,
        published=True,
        status=factory.SelfAttribute("..listing_status"),
        trade_mode=factory.LazyAttribute(lambda o: "give" if o.factory_parent.give_away else "sell"),
        price=factory.LazyAttribute(lambda o: None if o.factory_parent.give_away else "300.00"),
    )
    buyer = factory.SubFactory(UserFactory)
    seller = factory.SelfAttribute("listing.seller")
    kind = Order.Kind.MEETUP
    status = S.AGREED
    item_title = factory.SelfAttribute("listing.title")
    item_category = factory.LazyAttribute(lambda o: o.listing.category.path)
    price = factory.LazyAttribute(lambda o: Decimal(o.listing.price or "0.00"))
    retain_until = _now(settings.TRADE_RECORD_RETENTION_DAYS)

    @factory.post_generation
    def payment(obj, create, extracted, **kwargs):
        """Online orders get their payment, in the state that goes with the order's."""
        if not create or obj.kind != Order.Kind.ONLINE or extracted is False:
            return
        PaymentFactory(order=obj, **{"status": PAYMENT_FOR.get(obj.status, P.AUTHORISED), **kwargs})


class PaymentFactory(factory.django.DjangoModelFactory):
    """The payment of an online order; authorised (held) unless told otherwise."""

    class Meta:
        model = Payment

    order = factory.SubFactory(OrderFactory, paid=True, payment=False)
    status = P.AUTHORISED
    amount_fen = factory.LazyAttribute(lambda o: to_fen(o.order.price))
    intent_id = factory.LazyAttribute(
        lambda o: "" if o.status == P.REQUIRES_PAYMENT else f"pi_test_order_{o.order.pk}"
    )
    authorised_at = factory.LazyAttribute(
        lambda o: None if o.status == P.REQUIRES_PAYMENT else timezone.now()
    )
    capture_before = factory.LazyAttribute(
        lambda o: (
            None
            if o.status == P.REQUIRES_PAYMENT
            else timezone.now() + dt.timedelta(days=settings.PAYMENT_AUTHORISATION_DAYS)
        )
    )
    captured_fen = factory.LazyAttribute(lambda o: o.amount_fen if o.status == P.CAPTURED else 0)


class DisputeFactory(factory.django.DjangoModelFactory):
    """The buyer's complaint on a paid, handed-over order, not yet answered or decided."""

    class Meta:
        model = Dispute

    order = factory.SubFactory(OrderFactory, disputed=True)
    reason = Dispute.Reason.NOT_AS_DESCRIBED
    description = "屏幕有裂痕，描述里没写"


class RatingFactory(factory.django.DjangoModelFactory):
    """The buyer's rating of the seller after a completed trade."""

    class Meta:
        model = Rating

    order = factory.SubFactory(OrderFactory, completed=True)
    rater = factory.SelfAttribute("order.buyer")
    ratee = factory.SelfAttribute("order.seller")
    score = 5
    comment = "很守时"


class SwapAgreementFactory(factory.django.DjangoModelFactory):
    """A neighbour's offer for a swap-mode listing, waiting for the owner."""

    class Meta:
        model = SwapAgreement

    listing = factory.SubFactory(ListingFactory, published=True, trade_mode="swap", price=None)
    proposer = factory.SubFactory(UserFactory)
    offer = "一套乐高"


class PayoutAccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PayoutAccount

    user = factory.SubFactory(UserFactory)
    stripe_account_id = factory.Sequence(lambda n: f"acct_test_{n:06d}")
    details_submitted = True
    payouts_enabled = True


class StripeEventFactory(factory.django.DjangoModelFactory):
    """A webhook event as stored on receipt."""

    class Meta:
        model = StripeEvent

    event_id = factory.Sequence(lambda n: f"evt_stored_{n}")
    event_type = "payment_intent.succeeded"
    created = factory.LazyFunction(timezone.now)
    payload = factory.LazyAttribute(lambda o: {"id": o.event_id, "type": o.event_type})


# --- Webhook events as Stripe sends them ---------------------------------------------------------

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
    """A PaymentIntent event for `payment`, in the shape Stripe posts it."""
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


def account_event(account_id: str, *, details_submitted=True, payouts_enabled=True, event_id=None):
    """An `account.updated` event for a connected account."""
    return {
        "id": event_id or f"evt_test_{next(EVENT_COUNTER)}",
        "object": "event",
        "type": "account.updated",
        "created": int(time.time()),
        "data": {
            "object": {
                "id": account_id,
                "object": "account",
                "details_submitted": details_submitted,
                "payouts_enabled": payouts_enabled,
            }
        },
    }


def signed(event: dict, secret: str | None = None) -> tuple[str, str]:
    """The payload and the Stripe-Signature header made with the SDK's own signing helper."""
    payload = json.dumps(event)
    return payload, WebhookSignature.generate_signature_header(
        payload, secret or settings.STRIPE_WEBHOOK_SECRET
    )


def post_event(client, event: dict, secret: str | None = None):
    """Post `event` to the webhook, signed as Stripe would."""
    payload, header = signed(event, secret)
    return client.post(
        reverse("orders:stripe_webhook"),
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=header,
    )
