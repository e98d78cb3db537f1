"""Disputes and swaps that need no payment service: cash meet-ups and offers between neighbours."""

import pytest

from listings.models import Listing
from orders import services
from orders.errors import OrderError
from orders.models import Order, SwapAgreement
from tests.accounts.factories import UserFactory
from tests.orders.factories import DisputeFactory, OrderFactory, RatingFactory, SwapAgreementFactory

pytestmark = pytest.mark.django_db
S = Order.Status


def cash_dispute():
    return DisputeFactory(order=OrderFactory(status=S.DISPUTED))


def test_the_seller_answers_a_dispute_once(outsider):
    dispute = cash_dispute()
    with pytest.raises(OrderError) as caught:
        services.answer_dispute(dispute, actor=outsider, response="不关我事")
    assert caught.value.code == "not_seller"
    services.answer_dispute(dispute, actor=dispute.order.seller, response="<b>交付时完好</b>")
    dispute.refresh_from_db()
    assert dispute.seller_response == "交付时完好" and dispute.responded_at
    with pytest.raises(OrderError) as caught:
        services.answer_dispute(dispute, actor=dispute.order.seller, response="再说一次")
    assert caught.value.code == "answered"


def test_a_refund_puts_the_listing_back_on_offer_and_a_release_sells_it(platform_admin):
    refunded, released = cash_dispute(), cash_dispute()
    services.decide_dispute(
        refunded, actor=platform_admin, resolution=Order.Resolution.REFUND, explanation="卖家未交付"
    )
    services.decide_dispute(
        released, actor=platform_admin, resolution=Order.Resolution.RELEASE, explanation="买家已收货"
    )
    assert Listing.objects.get(pk=refunded.order.listing_id).status == Listing.Status.PUBLISHED
    assert Listing.objects.get(pk=released.order.listing_id).status == Listing.Status.SOLD
    for dispute, resolution in ((refunded, "refund"), (released, "release")):
        dispute.order.refresh_from_db()
        assert (dispute.order.status, dispute.order.resolution) == (S.RESOLVED, resolution)


def test_a_cash_deal_cannot_be_split_by_a_partial_refund(platform_admin):
    dispute = cash_dispute()
    with pytest.raises(OrderError) as caught:
        services.decide_dispute(
            dispute,
            actor=platform_admin,
            resolution=Order.Resolution.PARTIAL_REFUND,
            explanation="各退一半",
            refund=dispute.order.price / 2,
        )
    assert caught.value.code == "no_platform_money"
    dispute.order.refresh_from_db()
    assert dispute.order.status == S.DISPUTED


def test_a_rating_is_given_once_per_side(seller):
    rating = RatingFactory(order=OrderFactory(completed=True, listing__seller=seller))
    with pytest.raises(OrderError) as caught:
        services.rate(rating.order, rater=rating.rater, score=1)
    assert caught.value.code == "duplicate"
    assert services.rate(rating.order, rater=seller, score=4).ratee == rating.rater


def test_a_declined_offer_cannot_be_accepted_later():
    offer = SwapAgreementFactory(status=SwapAgreement.Status.DECLINED)
    with pytest.raises(OrderError) as caught:
        services.accept_swap(offer, actor=offer.listing.seller)
    assert caught.value.code == "closed"
    offer.listing.refresh_from_db()
    assert offer.listing.status == Listing.Status.PUBLISHED


def test_an_offer_accepted_reserves_the_listing_for_that_neighbour_only():
    first = SwapAgreementFactory()
    second = SwapAgreementFactory(listing=first.listing, proposer=UserFactory())
    services.accept_swap(second, actor=first.listing.seller)
    first.refresh_from_db()
    first.listing.refresh_from_db()
    assert first.status == SwapAgreement.Status.DECLINED
    assert first.listing.status == Listing.Status.RESERVED
    with pytest.raises(OrderError) as caught:
        services.accept_swap(first, actor=first.listing.seller)
    assert caught.value.code == "just_sold"
