"""Online payments against stripe-mock: real HTTP calls through the Stripe SDK."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from listings.models import Listing
from orders import services
from orders.errors import OrderError
from orders.models import Order, Payment
from tests.accounts.factories import sign_in
from tests.listings.factories import ListingFactory
from tests.orders.factories import OrderFactory, intent_event, post_event

pytestmark = [pytest.mark.django_db, pytest.mark.stripe]
S = Order.Status
P = Payment.Status


@pytest.fixture
def paid_order(stripe_mock, client, seller, buyer):
    listing = ListingFactory(seller=seller, published=True, price="300.00")
    order = services.place_order(listing, buyer=buyer, kind=Order.Kind.ONLINE)
    url = services.start_checkout(
        order, actor=buyer, success_url="http://testserver/ok", cancel_url="http://x/no"
    )
    assert url.startswith("https://")
    order.payment.refresh_from_db()
    assert order.payment.checkout_session_id.startswith("cs_")
    post_event(client, intent_event(order.payment))
    order.refresh_from_db()
    assert order.status == S.PAID
    return order


def test_payment_is_captured_only_when_the_buyer_confirms_receipt(paid_order, buyer, seller):
    payment = paid_order.payment
    payment.refresh_from_db()
    assert payment.status == P.AUTHORISED
    assert payment.capture_before > timezone.now()
    services.mark_handed_over(paid_order, actor=seller)
    payment.refresh_from_db()
    assert payment.status == P.AUTHORISED  # handing over does not release the money
    services.confirm_receipt(paid_order, actor=buyer)
    payment.refresh_from_db()
    paid_order.refresh_from_db()
    assert payment.status == P.CAPTURED and payment.captured_fen == 30000
    assert paid_order.status == S.COMPLETED
    assert Listing.objects.get(pk=paid_order.listing_id).status == Listing.Status.SOLD


def test_cancelling_a_paid_order_releases_the_authorisation(paid_order, buyer):
    services.cancel_order(paid_order, actor=buyer, reason="不要了")
    paid_order.payment.refresh_from_db()
    assert paid_order.payment.status == P.CANCELLED


def test_a_full_refund_on_dispute_releases_the_held_money(paid_order, buyer, seller, platform_admin):
    services.mark_handed_over(paid_order, actor=seller)
    dispute = services.open_dispute(
        paid_order, actor=buyer, reason="not_as_described", description="屏幕有裂痕，描述里没写"
    )
    services.answer_dispute(dispute, actor=seller, response="发货时是好的")
    order = services.decide_dispute(
        dispute,
        actor=platform_admin,
        resolution=Order.Resolution.REFUND,
        explanation="照片显示裂痕，全额退款",
    )
    order.payment.refresh_from_db()
    assert order.status == S.RESOLVED and order.resolution == Order.Resolution.REFUND
    assert order.payment.status == P.CANCELLED
    dispute.refresh_from_db()
    assert dispute.decided_by == platform_admin and dispute.refund_fen == 30000
    assert dispute.opened_at <= dispute.responded_at <= dispute.decided_at


def test_a_partial_refund_captures_the_rest(paid_order, buyer, seller, platform_admin):
    services.mark_handed_over(paid_order, actor=seller)
    dispute = services.open_dispute(paid_order, actor=buyer, reason="damaged", description="有划痕")
    order = services.decide_dispute(
        dispute,
        actor=platform_admin,
        resolution=Order.Resolution.PARTIAL_REFUND,
        refund=Decimal("50.00"),
        explanation="部分退款 50 元",
    )
    payment = order.payment
    payment.refresh_from_db()
    assert payment.captured_fen == 25000
    assert payment.refunded_fen == 5000
    assert payment.status == P.PARTIALLY_REFUNDED


def test_a_refund_after_capture_goes_through_stripe_refunds(paid_order, buyer, seller, platform_admin):
    services.mark_handed_over(paid_order, actor=seller)
    services.confirm_receipt(paid_order, actor=buyer)
    dispute = services.open_dispute(paid_order, actor=buyer, reason="counterfeit", description="鉴定为假货")
    order = services.decide_dispute(
        dispute, actor=platform_admin, resolution=Order.Resolution.REFUND, explanation="鉴定报告确认为仿品"
    )
    order.payment.refresh_from_db()
    assert order.payment.status == P.REFUNDED
    assert order.payment.refunded_fen == 30000


def test_only_staff_decide_disputes(client, paid_order, buyer, seller):
    dispute = services.open_dispute(paid_order, actor=buyer, reason="not_received", description="没收到")
    for user in (buyer, seller):
        with pytest.raises(OrderError) as caught:
            services.decide_dispute(dispute, actor=user, resolution="refund", explanation="x")
        assert caught.value.code == "not_staff"
        client.force_login(user)
        response = client.post(
            reverse("orders_disputes:decide", args=[dispute.pk]), {"resolution": "refund", "explanation": "x"}
        )
        assert response.status_code in (302, 403)
    paid_order.refresh_from_db()
    assert paid_order.status == S.DISPUTED


def test_staff_decide_in_the_admin_and_both_sides_read_the_explanation(
    client, paid_order, buyer, seller, platform_admin
):
    dispute = services.open_dispute(paid_order, actor=buyer, reason="not_received", description="一直没见面")
    sign_in(client, platform_admin)
    assert paid_order.item_title in client.get(reverse("orders_disputes:queue")).content.decode()
    client.post(
        reverse("orders_disputes:decide", args=[dispute.pk]),
        {"resolution": "refund", "explanation": "卖家未交付，全额退款"},
    )
    for user in (buyer, seller):
        client.force_login(user)
        assert (
            "卖家未交付，全额退款"
            in client.get(reverse("orders:detail", args=[paid_order.pk])).content.decode()
        )


def test_disputes_close_after_the_window(buyer, settings):
    handed_over = OrderFactory(
        paid=True,
        buyer=buyer,
        status=S.HANDED_OVER,
        handed_over_at=timezone.now() - dt.timedelta(days=settings.DISPUTE_WINDOW_DAYS + 1),
    )
    with pytest.raises(OrderError) as caught:
        services.open_dispute(handed_over, actor=buyer, reason="other", description="晚了")
    assert caught.value.code == "window_closed"
    handed_over.refresh_from_db()
    assert handed_over.status == S.HANDED_OVER


def test_expiring_authorisations_are_released_or_captured(stripe_mock, client, seller, buyer, settings):
    never_handed = ListingFactory(seller=seller, published=True)
    handed = ListingFactory(seller=seller, published=True)
    orders = []
    for listing in (never_handed, handed):
        order = services.place_order(listing, buyer=buyer, kind=Order.Kind.ONLINE)
        post_event(client, intent_event(order.payment, intent_id=f"pi_mock_{order.pk}"))
        orders.append(order)
    services.mark_handed_over(orders[1], actor=seller)
    later = timezone.now() + dt.timedelta(days=settings.PAYMENT_AUTHORISATION_DAYS)
    assert services.settle_expiring_authorisations(now=later) == {"captured": 1, "released": 1}
    first, second = (Payment.objects.get(order=o) for o in orders)
    assert first.status == P.CANCELLED and first.order.status == S.CANCELLED
    assert second.status == P.CAPTURED and second.order.status == S.HANDED_OVER


def test_a_dispute_is_decided_once(paid_order, buyer, seller, platform_admin):
    services.mark_handed_over(paid_order, actor=seller)
    dispute = services.open_dispute(paid_order, actor=buyer, reason="damaged", description="坏了")
    services.decide_dispute(
        dispute,
        actor=platform_admin,
        resolution=Order.Resolution.PARTIAL_REFUND,
        refund=Decimal("90.00"),
        explanation="部分退款",
    )
    with pytest.raises(OrderError) as caught:
        services.decide_dispute(
            dispute,
            actor=platform_admin,
            resolution=Order.Resolution.PARTIAL_REFUND,
            refund=Decimal("150.00"),
            explanation="再退一次",
        )
    assert caught.value.code == "decided"
    payment = Payment.objects.get(order=paid_order)
    assert payment.refunded_fen == 9000
