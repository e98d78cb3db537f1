"""Twenty buyers at once on PostgreSQL: exactly one order, the listing reserved, the rest told it has gone."""

import threading

import pytest
from django.db import connection, connections

from listings.models import Listing
from orders import services
from orders.errors import OrderError
from orders.models import Order
from tests.accounts.factories import UserFactory
from tests.listings.factories import ListingFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
BUYERS = 20


def test_twenty_parallel_buyers_one_winner(seller):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks; scripts/test runs the suite on PostgreSQL")
    listing = ListingFactory(seller=seller, published=True)
    buyers = UserFactory.create_batch(BUYERS)
    start = threading.Barrier(BUYERS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(buyer):
        try:
            start.wait()
            services.place_order(listing, buyer=buyer, kind=Order.Kind.MEETUP)
            result = "won"
        except OrderError as exc:
            result = exc.code
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(buyer,)) for buyer in buyers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("won") == 1
    assert outcomes.count("just_sold") == BUYERS - 1
    assert Order.objects.filter(listing=listing).count() == 1
    listing.refresh_from_db()
    assert listing.status == Listing.Status.RESERVED
