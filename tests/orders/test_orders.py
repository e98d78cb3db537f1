import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from listings.models import Listing
from orders import services
from orders.errors import OrderError
from orders.models import TRANSITIONS, Order, OrderStatusChange, Payment, Rating
from regulation.models import Flag
from tests.accounts.factories import UserFactory
from tests.listings.factories import ListingFactory
from tests.orders.factories import OrderFactory, intent_event, post_event

pytestmark = pytest.mark.django_db
S = Order.Status


@pytest.fixture
def listing(seller):
    return ListingFactory(seller=seller, published=True, price="300.00")


def make_order(listing, buyer, *, kind=Order.Kind.MEETUP):
    return services.place_order(listing, buyer=buyer, kind=kind)


@pytest.mark.parametrize("old,new", list(itertools.product(S.values, S.values)))
def test_only_the_transitions_in_the_table_are_allowed(old, new):
    order = OrderFactory(status=old)
    if new in TRANSITIONS[old]:
        with transaction.atomic():
            services.move(order, new, actor=order.buyer)
        order.refresh_from_db()
        assert order.status == new
        assert OrderStatusChange.objects.filter(order=order, old_status=old, new_status=new).exists()
    else:
        with pytest.raises(OrderError) as caught, transaction.atomic():
            services.move(order, new, actor=order.buyer)
        assert caught.value.code == "transition"
        order.refresh_from_db()
        assert order.status == old


def test_a_meetup_deal_from_agreement_to_completion(listing, buyer, seller):
    order = make_order(listing, buyer)
    assert order.status == S.AGREED
    listing.refresh_from_db()
    assert listing.status == Listing.Status.RESERVED
    services.mark_handed_over(order, actor=seller, note="周六小区门口")
    services.confirm_receipt(order, actor=buyer)
    order.refresh_from_db()
    listing.refresh_from_db()
    assert order.status == S.COMPLETED
    assert listing.status == Listing.Status.SOLD
    assert order.retain_until > timezone.now() + dt.timedelta(days=3 * 365)


def test_a_give_away_is_free_and_completes_without_payment(seller, buyer):
    gift = ListingFactory(seller=seller, published=True, trade_mode="give", price=None)
    order = services.place_order(gift, buyer=buyer, kind=Order.Kind.GIFT)
    assert order.price == Decimal("0.00")
    assert not Payment.objects.filter(order=order).exists()
    services.confirm_receipt(order, actor=buyer)
    order.refresh_from_db()
    assert order.status == S.COMPLETED


def test_swap_listings_cannot_be_bought(seller, buyer):
    swap = ListingFactory(seller=seller, published=True, trade_mode="swap", price=None)
    with pytest.raises(OrderError) as caught:
        services.place_order(swap, buyer=buyer, kind=Order.Kind.MEETUP)
    assert caught.value.code == "swap_only"


def test_a_second_buyer_is_told_it_has_just_gone(listing, buyer):
    make_order(listing, buyer)
    with pytest.raises(OrderError) as caught:
        services.place_order(listing, buyer=UserFactory(), kind=Order.Kind.MEETUP)
    assert caught.value.code == "just_sold"
    assert "Just sold" in str(caught.value.message) or "刚刚" in str(caught.value.message)


def test_sellers_cannot_buy_their_own_listing(listing, seller):
    with pytest.raises(OrderError) as caught:
        services.place_order(listing, buyer=seller, kind=Order.Kind.MEETUP)
    assert caught.value.code == "own_listing"


def test_only_the_buyer_confirms_receipt_and_only_the_seller_hands_over(listing, buyer, seller, outsider):
    order = make_order(listing, buyer)
    with pytest.raises(OrderError):
        services.mark_handed_over(order, actor=buyer)
    services.mark_handed_over(order, actor=seller)
    for wrong in (seller, outsider):
        with pytest.raises(OrderError) as caught:
            services.confirm_receipt(order, actor=wrong)
        assert caught.value.code == "not_buyer"


def test_cancelling_puts_the_listing_back_on_offer(listing, buyer):
    order = make_order(listing, buyer)
    services.cancel_order(order, actor=buyer, reason="改主意了")
    listing.refresh_from_db()
    assert listing.status == Listing.Status.PUBLISHED
    assert services.place_order(listing, buyer=UserFactory(), kind=Order.Kind.MEETUP).status == S.AGREED


def test_outsiders_cannot_cancel_or_see_an_order(client, listing, buyer, outsider):
    order = make_order(listing, buyer)
    with pytest.raises(OrderError):
        services.cancel_order(order, actor=outsider)
    client.force_login(outsider)
    assert client.get(reverse("orders:detail", args=[order.pk])).status_code == 404


def test_receipt_is_confirmed_automatically_after_the_window(listing, buyer, seller, settings):
    order = make_order(listing, buyer)
    services.mark_handed_over(order, actor=seller)
    assert services.auto_receive_due() == 0
    later = timezone.now() + dt.timedelta(days=settings.ORDER_AUTO_RECEIVE_DAYS, minutes=1)
    assert services.auto_receive_due(now=later) == 1
    order.refresh_from_db()
    assert order.status == S.COMPLETED
    assert (
        "automatically" in order.status_changes.last().reason or "自动" in order.status_changes.last().reason
    )


def test_ratings_one_per_side_after_completion(client, listing, buyer, seller):
    order = make_order(listing, buyer)
    with pytest.raises(OrderError) as caught:
        services.rate(order, rater=buyer, score=5)
    assert caught.value.code == "not_complete"
    services.confirm_receipt(order, actor=buyer)
    services.rate(order, rater=buyer, score=5, comment="很守时")
    services.rate(order, rater=seller, score=4)
    with pytest.raises(OrderError) as caught:
        services.rate(order, rater=buyer, score=1)
    assert caught.value.code == "duplicate"
    assert Rating.objects.get(rater=buyer).ratee == seller
    page = client.get(reverse("listings:seller", args=[seller.pk])).content.decode()
    assert "很守时" in page
    assert "5.0" in page


def test_the_same_pair_trading_repeatedly_is_flagged(seller, buyer, settings):
    for _ in range(settings.RATING_FARM_ORDERS):
        listing = ListingFactory(seller=seller, published=True)
        services.confirm_receipt(make_order(listing, buyer), actor=buyer)
    flag = Flag.objects.get(flag_type=Flag.Type.FRAUD)
    assert len(flag.evidence["orders"]) == settings.RATING_FARM_ORDERS
    assert (flag.source, flag.severity) == (Flag.Source.RULE, Flag.Severity.MEDIUM)
    assert set(flag.evidence["orders"]) == set(Order.objects.filter(buyer=buyer).values_list("pk", flat=True))


def test_swaps_are_proposed_accepted_and_completed(seller, buyer):
    swap = ListingFactory(seller=seller, published=True, trade_mode="swap", price=None)
    offer = services.propose_swap(swap, proposer=buyer, offer="一套乐高")
    other = services.propose_swap(swap, proposer=UserFactory(), offer="一本书")
    with pytest.raises(OrderError):
        services.accept_swap(offer, actor=buyer)
    services.accept_swap(offer, actor=seller)
    other.refresh_from_db()
    assert other.status == "declined"
    services.complete_swap(offer, actor=buyer)
    swap.refresh_from_db()
    assert swap.status == Listing.Status.SOLD


def test_without_stripe_keys_only_meetups_are_offered(client, listing, buyer, settings):
    settings.STRIPE_SECRET_KEY = None
    with pytest.raises(OrderError) as caught:
        services.place_order(listing, buyer=buyer, kind=Order.Kind.ONLINE)
    assert caught.value.code == "no_payments"
    client.force_login(buyer)
    page = client.get(reverse("orders:buy", args=[listing.pk])).content.decode()
    assert 'value="meetup"' in page and 'value="online"' not in page


def test_unpaid_orders_release_the_listing_after_the_timeout(listing, buyer, settings):
    order = services.place_order(listing, buyer=buyer, kind=Order.Kind.ONLINE)
    assert services.expire_unpaid_orders() == 0
    later = timezone.now() + dt.timedelta(minutes=settings.ORDER_PAYMENT_TIMEOUT_MINUTES + 1)
    assert services.expire_unpaid_orders(now=later) == 1
    order.refresh_from_db()
    listing.refresh_from_db()
    assert order.status == S.CANCELLED
    assert listing.status == Listing.Status.PUBLISHED


def test_webhook_with_a_bad_signature_is_refused_and_changes_nothing(client, listing, buyer):
    order = services.place_order(listing, buyer=buyer, kind=Order.Kind.ONLINE)
    response = post_event(client, intent_event(order.payment), secret="whsec_wrong")
    assert response.status_code == 400
    order.refresh_from_db()
    assert order.status == S.PENDING_PAYMENT
    missing = client.post(reverse("orders:stripe_webhook"), data="{}", content_type="application/json")
    assert missing.status_code == 400


def test_the_same_webhook_event_fifty_times_has_one_effect(client, listing, buyer):
    order = services.place_order(listing, buyer=buyer, kind=Order.Kind.ONLINE)
    event = intent_event(order.payment)
    for _ in range(50):
        assert post_event(client, event).status_code == 200
    order.refresh_from_db()
    assert order.status == S.PAID
    assert order.status_changes.filter(new_status=S.PAID).count() == 1
    from orders.models import StripeEvent

    assert StripeEvent.objects.count() == 1


def test_events_out_of_order_end_in_the_newest_state(client, listing, buyer):
    order = services.place_order(listing, buyer=buyer, kind=Order.Kind.ONLINE)
    payment = order.payment
    post_event(client, intent_event(payment, status="succeeded", event_type="payment_intent.succeeded"))
    post_event(client, intent_event(payment))  # the older "authorised" event arrives late
    payment.refresh_from_db()
    order.refresh_from_db()
    assert order.status == S.PAID
    assert payment.status == Payment.Status.CAPTURED


def test_a_webhook_for_a_wrong_amount_is_not_taken_as_payment(client, listing, buyer):
    order = services.place_order(listing, buyer=buyer, kind=Order.Kind.ONLINE)
    response = post_event(client, intent_event(order.payment, amount=100))
    assert response.status_code == 500  # Stripe retries; we never mark it paid
    order.refresh_from_db()
    assert order.status == S.PENDING_PAYMENT
