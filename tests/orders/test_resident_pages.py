"""The order pages as residents and staff read them: payouts, the buy page's promise, the way to the
conversation, dispute history in words, and only the decisions a cash deal allows."""

import pytest
from django.urls import reverse

from listings.models import Conversation
from orders import services
from orders.models import Order, PayoutAccount
from tests.accounts.factories import UserFactory, sign_in
from tests.listings.factories import ListingFactory
from tests.orders.factories import DisputeFactory, OrderFactory, PayoutAccountFactory
from tests.orders.pages import snake_case_codes, visible_text

pytestmark = pytest.mark.django_db
S = Order.Status
ESCROW = "在线支付的款项由平台暂管，您确认收货后才付给卖家。"
CASH = "见面时验货后用现金付给卖家，平台不经手也不暂存这笔钱。"


# --- Payouts -------------------------------------------------------------------------------------


def test_the_payouts_page_opens_and_shows_a_new_seller_how_to_set_up(client, seller):
    sign_in(client, seller)
    response = client.get(reverse("orders:payouts"))
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    assert "尚未设置" in text and "设置收款账户" in text


def test_a_seller_whose_payouts_are_on_is_told_so_and_offered_nothing_to_redo(client, seller):
    PayoutAccountFactory(user=seller)
    sign_in(client, seller)
    page = client.get(reverse("orders:payouts")).content.decode()
    assert "已就绪" in visible_text(page)
    assert "<form" not in page.split("<main", 1)[-1]


def test_without_stripe_keys_the_payouts_page_says_cash_and_offers_no_set_up(client, seller, settings):
    settings.STRIPE_SECRET_KEY = None
    sign_in(client, seller)
    response = client.post(reverse("orders:payouts"))
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    assert "现金" in text and "设置收款账户" not in text
    assert not PayoutAccount.objects.filter(user=seller).exists()


@pytest.mark.stripe
def test_setting_up_payouts_goes_to_the_providers_page_and_comes_back_here(stripe_mock, client, seller):
    sign_in(client, seller)
    response = client.post(reverse("orders:payouts"))
    assert response.status_code == 302
    assert response.url.startswith("https://")
    assert PayoutAccount.objects.get(user=seller).stripe_account_id.startswith("acct_")


def test_visitors_are_sent_to_sign_in_for_payouts(client):
    response = client.get(reverse("orders:payouts"))
    assert response.status_code == 302 and reverse("account_login") in response.url


# --- The buy page's promise ----------------------------------------------------------------------


def test_without_stripe_keys_the_buy_page_promises_no_escrow(client, seller, buyer, settings):
    settings.STRIPE_SECRET_KEY = None
    listing = ListingFactory(seller=seller, published=True, price="300.00")
    sign_in(client, buyer)
    text = visible_text(client.get(reverse("orders:buy", args=[listing.pk])).content.decode())
    assert CASH in text
    assert ESCROW not in text and "暂管" not in text


def test_with_stripe_the_buy_page_keeps_the_pay_on_receipt_promise(client, seller, buyer):
    listing = ListingFactory(seller=seller, published=True, price="300.00")
    sign_in(client, buyer)
    text = visible_text(client.get(reverse("orders:buy", args=[listing.pk])).content.decode())
    assert ESCROW in text and CASH not in text


# --- From the order to the conversation ----------------------------------------------------------


def test_both_sides_reach_their_conversation_from_the_order_page(client, seller, buyer):
    listing = ListingFactory(seller=seller, published=True, price="300.00")
    order = services.place_order(listing, buyer=buyer, kind=Order.Kind.MEETUP)
    link = reverse("orders:conversation", args=[order.pk])

    sign_in(client, buyer)
    assert link in client.get(reverse("orders:detail", args=[order.pk])).content.decode()
    response = client.get(link)
    assert response.url == reverse("listings:conversation", args=[listing.pk])
    thread = Conversation.objects.get(listing=listing, buyer=buyer)

    sign_in(client, seller)
    assert link in client.get(reverse("orders:detail", args=[order.pk])).content.decode()
    response = client.get(link)
    assert response.url == reverse("listings:conversation", args=[listing.pk]) + f"?buyer={buyer.pk}"
    assert client.get(response.url).status_code == 200
    assert Conversation.objects.filter(listing=listing).get() == thread


def test_staff_reading_an_order_are_not_let_into_the_residents_conversation(client, platform_admin):
    order = OrderFactory()
    sign_in(client, platform_admin)
    assert client.get(reverse("orders:detail", args=[order.pk])).status_code == 200
    assert client.get(reverse("orders:conversation", args=[order.pk])).status_code == 404
    sign_in(client, UserFactory())
    assert client.get(reverse("orders:conversation", args=[order.pk])).status_code == 404
    assert not Conversation.objects.exists()


# --- Dispute history in words --------------------------------------------------------------------


def disputed_meetup(seller, buyer):
    listing = ListingFactory(seller=seller, published=True, price="300.00")
    order = services.place_order(listing, buyer=buyer, kind=Order.Kind.MEETUP)
    services.mark_handed_over(order, actor=seller)
    return services.open_dispute(order, actor=buyer, reason="not_as_described", description="屏幕有划痕")


def test_buyer_and_seller_read_the_dispute_history_in_chinese(client, seller, buyer):
    dispute = disputed_meetup(seller, buyer)
    for user in (buyer, seller):
        sign_in(client, user)
        page = client.get(reverse("orders:detail", args=[dispute.order_id])).content.decode()
        assert snake_case_codes(page) == []
        history = visible_text(page[page.rindex('<ol class="history">') :])
        assert "已交付" in history and "物品与描述不符" in history


def test_staff_read_the_dispute_history_in_chinese(client, seller, buyer, platform_admin):
    dispute = disputed_meetup(seller, buyer)
    sign_in(client, platform_admin)
    page = client.get(reverse("orders_disputes:decide", args=[dispute.pk])).content.decode()
    main = page[page.index("<main") :]
    codes = snake_case_codes(main)
    assert not {"handed_over", "not_as_described", "agreed", "disputed"} & set(codes + main.split())
    history = visible_text(main[main.rindex("<ol>") :])
    assert "已约定见面 → 已交付" in history
    assert "物品与描述不符" in history


# --- What staff may decide on a cash deal --------------------------------------------------------


def test_staff_are_not_offered_a_partial_refund_on_a_cash_deal(client, platform_admin):
    dispute = DisputeFactory(order=OrderFactory(status=S.DISPUTED))
    sign_in(client, platform_admin)
    url = reverse("orders_disputes:decide", args=[dispute.pk])
    page = client.get(url).content.decode()
    assert 'value="partial_refund"' not in page and 'value="refund"' in page
    response = client.post(url, {"resolution": "partial_refund", "refund": "100", "explanation": "各退一半"})
    assert response.status_code == 200
    dispute.order.refresh_from_db()
    assert dispute.order.status == S.DISPUTED


def test_staff_are_offered_a_partial_refund_when_the_platform_holds_the_money(client, platform_admin):
    dispute = DisputeFactory()  # on a paid (held) online order
    sign_in(client, platform_admin)
    page = client.get(reverse("orders_disputes:decide", args=[dispute.pk])).content.decode()
    assert 'value="partial_refund"' in page
