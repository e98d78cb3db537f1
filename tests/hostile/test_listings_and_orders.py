"""Hostile input on the resident's pages: browsing, selling, messages, reports, orders and disputes."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from listings.models import Conversation, Listing, ListingReport, Message
from orders.models import Dispute, Order, Rating, SwapAgreement
from tests.accounts.factories import sign_in
from tests.hostile.hostile import HYPOTHESIS, fuzz_forms, get, hostile_text, post, specimen_queries
from tests.listings.factories import ListingFactory, add_photos, category
from tests.orders.factories import OrderFactory, SwapAgreementFactory

pytestmark = pytest.mark.django_db

BROWSE_PARAMS = [
    "q",
    "category",
    "community",
    "street",
    "price_min",
    "price_max",
    "condition",
    "trade",
    "page",
    "sort",
]
any_params = st.dictionaries(st.sampled_from(BROWSE_PARAMS), hostile_text, max_size=5)


@pytest.fixture
def listing(seller):
    listing = ListingFactory(seller=seller, published=True)
    add_photos(listing)
    return listing


def test_every_specimen_in_every_browse_and_search_parameter(client, listing):
    for query in specimen_queries(BROWSE_PARAMS):
        get(client, reverse("listings:browse"), query, "GET listings:browse")
        get(client, reverse("search:results"), query, "GET search:results")
        get(client, reverse("search:suggest"), query, "GET search:suggest")


@pytest.mark.parametrize("name", ["search:results", "search:suggest"])
def test_a_nul_character_in_a_search_is_no_server_error(client, name):
    get(client, reverse(name), dict.fromkeys(BROWSE_PARAMS, "书桌\x00"), f"GET {name}")


def test_a_category_id_too_long_for_the_database_is_no_server_error(client, seller):
    draft = ListingFactory(seller=seller, draft=True)
    sign_in(client, seller)
    post(client, reverse("listings:edit", args=[draft.pk]), {"category": "9" * 5000}, "POST listings:edit")


@given(params=any_params)
@HYPOTHESIS
def test_browse_and_search_query_parameters(client, listing, params):
    get(client, reverse("listings:browse"), params, "GET listings:browse")
    get(client, reverse("search:results"), params, "GET search:results")
    get(client, reverse("search:suggest"), params, "GET search:suggest")
    get(client, reverse("listings:seller", args=[listing.seller_id]), params, "GET listings:seller")
    get(client, reverse("listings:detail", args=[listing.pk]), params, "GET listings:detail")


def fuzz_page_form(client, user, page_url, target, *, post_url=None, unchanged=(), keep=()):
    sign_in(client, user)
    tried = fuzz_forms(client, page_url, only=post_url or page_url, unchanged=unchanged, keep=keep)
    assert tried == [target]


def test_creating_a_listing(client, seller):
    url = reverse("listings:create") + "?category=" + category("furniture").slug
    fuzz_page_form(client, seller, url, "POST listings:create", unchanged=(Listing,))


def test_editing_a_listing(client, seller):
    draft = ListingFactory(seller=seller, draft=True)
    url = reverse("listings:edit", args=[draft.pk])
    fuzz_page_form(client, seller, url, "POST listings:edit", keep=("category",))


def test_reporting_a_listing(client, buyer, listing):
    fuzz_page_form(
        client,
        buyer,
        reverse("listings:detail", args=[listing.pk]),
        "POST listings:report",
        post_url=reverse("listings:report", args=[listing.pk]),
        unchanged=(ListingReport,),
    )


def test_messaging_a_seller(client, buyer, listing):
    url = reverse("listings:conversation", args=[listing.pk])
    fuzz_page_form(client, buyer, url, "POST listings:conversation", unchanged=(Message, Conversation))


@given(
    data=st.dictionaries(
        st.sampled_from(["statement", "reason", "action", "buyer"]), hostile_text, max_size=3
    )
)
@HYPOTHESIS
def test_seller_actions_on_a_listing(client, seller, data):
    sign_in(client, seller)
    removed = ListingFactory(seller=seller, removed=True)
    for name in ("appeal", "withdraw", "reopen", "favourite", "submit"):
        post(client, reverse(f"listings:{name}", args=[removed.pk]), data, f"POST listings:{name}")


@pytest.fixture
def handed_over(buyer):
    return OrderFactory(handed_over=True, buyer=buyer)


def test_buying(client, buyer, listing):
    url = reverse("orders:buy", args=[listing.pk])
    fuzz_page_form(client, buyer, url, "POST orders:buy", unchanged=(Order,))


def test_proposing_a_swap(client, buyer, seller):
    swap = ListingFactory(seller=seller, published=True, trade_mode="swap", price=None)
    url = reverse("orders:propose_swap", args=[swap.pk])
    fuzz_page_form(client, buyer, url, "POST orders:propose_swap", unchanged=(SwapAgreement,))


def test_opening_a_dispute(client, handed_over):
    url = reverse("orders:dispute", args=[handed_over.pk])
    fuzz_page_form(client, handed_over.buyer, url, "POST orders:dispute", unchanged=(Dispute,))


ORDER_FIELDS = ["action", "reason", "note", "score", "comment", "response"]


@given(
    data=st.dictionaries(st.sampled_from(ORDER_FIELDS), hostile_text, max_size=4),
    action=st.sampled_from(["cancel", "hand_over", "confirm", "accept", "decline", "withdraw"]),
)
@HYPOTHESIS
def test_order_actions_answers_and_ratings(client, buyer, data, action):
    sign_in(client, buyer)
    order = OrderFactory(completed=True, buyer=buyer)
    data = {"action": action, **data}
    post(client, reverse("orders:act", args=[order.pk]), data, "POST orders:act")
    post(client, reverse("orders:rate", args=[order.pk]), data, "POST orders:rate", unchanged=(Rating,))
    post(client, reverse("orders:answer", args=[order.pk]), data, "POST orders:answer")
    offer = SwapAgreementFactory(listing__seller=buyer)
    post(client, reverse("orders:swap_action", args=[offer.pk]), data, "POST orders:swap_action")
