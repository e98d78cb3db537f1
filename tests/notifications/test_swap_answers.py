"""Every neighbour who offered a swap hears the answer, including those whose offer lost."""

import pytest

from orders import services as orders
from tests.accounts.factories import UserFactory
from tests.listings.factories import ListingFactory
from tests.notifications.test_sources import inbox

pytestmark = pytest.mark.django_db


def test_accepting_one_offer_tells_the_other_proposers_theirs_was_declined():
    listing = ListingFactory(published=True, trade_mode="swap", title="儿童绘本")
    chosen, passed_over = UserFactory(), UserFactory()
    winning = orders.propose_swap(listing, proposer=chosen, offer="一套乐高")
    orders.propose_swap(listing, proposer=passed_over, offer="两本字典")
    orders.accept_swap(winning, actor=listing.seller)
    assert [message for message, _ in inbox(chosen)] == ["swap_decided"]
    declined = inbox(passed_over)
    assert [message for message, _ in declined] == ["swap_decided"]
    assert "已拒绝" in declined[0][1]
