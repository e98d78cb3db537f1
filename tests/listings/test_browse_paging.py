"""Browsing at scale: pages follow a cursor (no listing shown twice or skipped while others publish),
the cost of a page does not grow with the number of listings, and cached cards never carry anyone's
signed-in content."""

import datetime as dt
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import pgettext

from listings.models import Listing
from listings.services.seller import withdraw_listing
from tests.accounts.factories import UserFactory
from tests.listings.factories import ListingFactory

pytestmark = pytest.mark.django_db


def shown(page: str) -> list[int]:
    prefix = re.escape(reverse("listings:browse"))
    return [int(pk) for pk in re.findall(rf'href="{prefix}(\d+)/" class="card-link"', page)]


def next_url(page: str) -> str | None:
    """Where the pager's "Next" link leads, whatever form its query takes; None on the last page."""
    with translation.override("zh-hans"):
        label = pgettext("pagination", "Next")
    for href, text in re.findall(r'<a href="([^"]+)"[^>]*>([^<]*)</a>', page):
        if text == label:
            return reverse("listings:browse") + html.unescape(href)
    return None


def publish(count: int, *, at: dt.datetime | None = None) -> list[int]:
    seller = UserFactory()
    return [
        ListingFactory(seller=seller, published=True, published_at=at or timezone.now()).pk
        for _ in range(count)
    ]


def test_paging_through_shows_every_listing_once_even_while_new_ones_are_published(client):
    ties = timezone.now() - dt.timedelta(hours=1)
    expected = publish(20, at=ties) + publish(31)  # twenty share one timestamp: the cursor breaks ties by id
    ListingFactory(seller=UserFactory(), withdrawn=True)
    seen: list[int] = []
    url = reverse("listings:browse")
    while url:
        page = client.get(url).content.decode()
        seen += shown(page)
        publish(1)  # someone publishes while the visitor reads: the next page must not shift
        url = next_url(page)
    old_ones = [pk for pk in seen if pk in expected]
    assert sorted(old_ones) == sorted(expected)
    assert len(seen) == len(set(seen))


def test_a_page_deep_in_the_listings_costs_what_the_first_does_and_never_counts_or_skips_rows(client):
    publish(60)
    first = client.get(reverse("listings:browse")).content.decode()
    second = next_url(first)
    third = next_url(client.get(second).content.decode())
    with CaptureQueriesContext(connection) as captured:
        page = client.get(third).content.decode()
    assert len(shown(page)) == 12
    sql = " ".join(query["sql"].upper() for query in captured)
    assert "COUNT(" not in sql and "OFFSET" not in sql


def test_browse_query_count_does_not_grow_with_listings(client, django_assert_max_num_queries):
    url = reverse("listings:browse") + "?category=furniture&street=120104007&trade_mode=sell"
    publish(3)
    with django_assert_max_num_queries(10) as few:
        client.get(url)
    publish(40)
    with django_assert_max_num_queries(10) as many:
        client.get(url)  # a listing was saved since: the cache misses and the page is built again
    assert len(many) == len(few)


def test_cached_cards_never_show_a_signed_in_residents_own_content_to_others(client, seller):
    publish(3)
    client.force_login(seller)
    signed_in = client.get(reverse("listings:browse")).content.decode()
    assert reverse("listings:create") in signed_in
    client.logout()
    anonymous = client.get(reverse("listings:browse")).content.decode()
    assert reverse("listings:create") not in anonymous
    assert seller.display_name not in anonymous
    assert reverse("account_login") in anonymous


def test_a_withdrawn_or_new_listing_shows_on_the_cached_page_at_once(client, seller):
    listing = ListingFactory(seller=seller, published=True, title="宜家书架")
    assert "宜家书架" in client.get(reverse("listings:browse")).content.decode()
    withdraw_listing(listing, actor=seller)
    assert "宜家书架" not in client.get(reverse("listings:browse")).content.decode()
    ListingFactory(seller=seller, published=True, title="折叠餐桌")
    assert "折叠餐桌" in client.get(reverse("listings:browse")).content.decode()
    assert Listing.objects.filter(title="宜家书架", status=Listing.Status.WITHDRAWN).exists()


def test_browse_fragments_live_apart_from_the_rate_limit_counters(client, seller):
    """Anyone can ask for any cursor: the cached cards must never crowd the login counters out."""
    from django.core.cache import caches

    ListingFactory(seller=seller, published=True, title="书架")
    for after in range(1, 6):
        client.get(reverse("listings:browse"), {"after": f"{after}.1"})
    assert not [key for key in caches["default"]._cache if "template.cache" in key]
    assert [key for key in caches["pages"]._cache if "template.cache" in key]
