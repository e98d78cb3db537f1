"""Sales on the platform feed the market method, and what appraisal shows on listings' pages."""

from decimal import Decimal as D

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from appraisal import services
from appraisal.models import Comparable
from listings import extensions
from orders import services as orders
from tests.accounts.factories import UserFactory
from tests.appraisal.factories import ComparableFactory, issued_report
from tests.listings.factories import ListingFactory, category

pytestmark = pytest.mark.django_db


def phone(seller, price, **attributes):
    return ListingFactory(
        seller=seller,
        published=True,
        category=category("phones"),
        price=price,
        attributes={"brand": "小米", "model": "12S", **attributes},
    )


def sell(listing, buyer):
    order = orders.place_order(
        listing, buyer=buyer, kind="gift" if listing.trade_mode == "give" else "meetup"
    )
    return orders.confirm_receipt(order, actor=buyer)


def test_a_sale_on_the_platform_becomes_a_comparable(seller, buyer):
    bought = timezone.localdate().year - 2
    sell(phone(seller, "1000.00", purchase_year=str(bought)), buyer)
    sale = Comparable.objects.get()
    assert sale.source == Comparable.Source.PLATFORM
    assert (sale.category, sale.brand, sale.model, sale.condition) == (
        "electronics/phones",
        "小米",
        "12S",
        "90",
    )
    assert sale.sold_price == D("1000.00") and sale.sold_at == timezone.localdate()
    assert sale.age_days == 730


def test_platform_sales_count_for_the_sellers_price_suggestion(seller):
    assert (
        services.suggest_price(category=category("phones"), condition="90", brand="小米", model="12S") is None
    )
    for price in ("900.00", "1000.00", "1100.00"):
        sell(phone(seller, price), UserFactory())
    suggestion = services.suggest_price(
        category=category("phones"), condition="90", brand="小米", model="12S"
    )
    assert suggestion.estimate == D("1000.00") and suggestion.used == 3
    hint = extensions.price_hint_for(phone(seller, None))
    assert (hint.estimate, hint.used) == (D("1000.00"), 3)
    assert D("900.00") <= hint.low < hint.estimate < hint.high <= D("1100.00")
    assert hint.source


def test_imported_and_platform_sales_are_used_together(seller, buyer):
    ComparableFactory.create_batch(2, sold_price=D("1000.00"))
    sell(phone(seller, "1000.00"), buyer)
    suggestion = services.suggest_price(
        category=category("phones"), condition="90", brand="小米", model="12S"
    )
    assert suggestion.used == 3


def test_give_aways_swaps_and_cancelled_orders_say_nothing_about_prices(seller, buyer):
    gift = ListingFactory(seller=seller, published=True, trade_mode="give", price=None)
    sell(gift, buyer)
    swap = ListingFactory(seller=seller, published=True, trade_mode="swap", price=None)
    offer = orders.propose_swap(swap, proposer=buyer, offer="一套乐高")
    orders.accept_swap(offer, actor=seller)
    orders.complete_swap(offer, actor=buyer)
    cancelled = orders.place_order(phone(seller, "1000.00"), buyer=buyer, kind="meetup")
    orders.cancel_order(cancelled, actor=buyer, reason="不要了")
    assert not Comparable.objects.exists()


def test_the_listing_page_offers_the_seller_an_appraisal_and_shows_others_only_a_report(
    client, seller, outsider, phone_listing, certified
):
    request_url = reverse("appraisal:request", args=[phone_listing.pk])
    detail_url = reverse("listings:detail", args=[phone_listing.pk])
    client.force_login(seller)
    assert request_url in client.get(detail_url).content.decode()
    client.force_login(outsider)
    assert request_url not in client.get(detail_url).content.decode()
    request = RequestFactory().get(detail_url)
    request.user = outsider
    assert extensions.panels_for(request, phone_listing) == []

    report = issued_report(phone_listing, certified)
    [panel] = extensions.panels_for(request, phone_listing)
    assert panel.context["appraisal_report"] == report and panel.context["open_appraisal"] is None
    page = client.get(detail_url).content.decode()
    assert reverse("appraisal:verify", args=[report.number]) in page and request_url not in page
