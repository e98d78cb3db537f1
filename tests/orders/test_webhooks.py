"""Webhook events that only record what Stripe reports: a released authorisation, a payout account."""

import pytest

from orders.models import Order, Payment, PayoutAccount
from tests.orders.factories import (
    OrderFactory,
    PaymentFactory,
    PayoutAccountFactory,
    account_event,
    intent_event,
    post_event,
)

pytestmark = pytest.mark.django_db
P = Payment.Status


def cancelled_event(payment):
    return intent_event(payment, status="canceled", event_type="payment_intent.canceled")


def test_stripe_cancelling_a_held_payment_is_recorded_once(client):
    order = OrderFactory(paid=True)
    event = cancelled_event(order.payment)
    for _ in range(3):
        assert post_event(client, event).status_code == 200
    order.payment.refresh_from_db()
    assert order.payment.status == P.CANCELLED
    order.refresh_from_db()
    assert order.status == Order.Status.PAID  # the order's own state moves only through its services


def test_a_late_cancellation_never_undoes_a_capture_or_a_refund(client):
    for status in (P.CAPTURED, P.REFUNDED):
        payment = PaymentFactory(status=status)
        assert post_event(client, cancelled_event(payment)).status_code == 200
        payment.refresh_from_db()
        assert payment.status == status


def test_payout_account_updates_reach_the_sellers_account(client):
    account = PayoutAccountFactory(details_submitted=False, payouts_enabled=False)
    assert post_event(client, account_event(account.stripe_account_id)).status_code == 200
    account.refresh_from_db()
    assert account.details_submitted and account.payouts_enabled
    assert post_event(client, account_event("acct_unknown")).status_code == 200
    assert PayoutAccount.objects.count() == 1
