import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.accounts.factories import UserFactory
from tests.listings.factories import ListingFactory, add_photos

pytestmark = pytest.mark.django_db


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def make_listings(count):
    for _ in range(count):
        listing = ListingFactory(seller=UserFactory(), published=True)
        add_photos(listing, 2)


def test_browse_costs_the_same_number_of_queries_for_3_or_24_listings(client):
    make_listings(3)
    few = queries_for(client, reverse("listings:browse"))
    make_listings(21)
    many = queries_for(client, reverse("listings:browse"))
    assert few == many
    assert many <= 8


def test_detail_costs_the_same_whatever_the_number_of_photos(client, seller):
    one = ListingFactory(seller=seller, published=True)
    add_photos(one, 1)
    twelve = ListingFactory(seller=seller, published=True)
    add_photos(twelve, 12, seed=300)
    assert queries_for(client, reverse("listings:detail", args=[one.pk])) == queries_for(
        client, reverse("listings:detail", args=[twelve.pk])
    )
