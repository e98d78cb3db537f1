"""The home page as a resident meets it: a search box first, the categories, goods from their own street,
then the newest goods, at a cost that does not grow with the number of listings."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marketplace.geography.models import Street
from tests.accounts.factories import CommunityFactory, UserFactory, sign_in
from tests.listings.factories import ListingFactory, add_photos

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    from demo.seed import seed_pages

    seed_pages()


def section(page: str, heading_id: str) -> str:
    match = re.search(rf'<section aria-labelledby="{heading_id}">(.*?)</section>', page, re.S)
    return match.group(1) if match else ""


def test_the_home_page_opens_with_a_search_box_and_the_categories(client, home):
    page = client.get("/").content.decode()
    form = re.search(r'<form method="get" action="([^"]+)"[^>]*role="search">(.*?)</form>', page, re.S)
    assert form and form.group(1) == reverse("search:results")
    assert 'name="q"' in form.group(2)
    # Top-level categories by their Chinese names, each leading to its browse page.
    assert re.search(r'href="/listings/\?category=[\w-]+">家具</a>', page) or "家具" in page
    assert f'href="{reverse("listings:browse")}?category=' in page


def test_a_resident_sees_goods_from_their_own_street_first(client, home):
    own_street = Street.objects.get(code="120104007")
    other_street = Street.objects.exclude(pk=own_street.pk).first()
    resident = UserFactory(community=CommunityFactory(street=own_street))
    neighbour = ListingFactory(
        published=True,
        title="邻居的婴儿车",
        seller=UserFactory(community=CommunityFactory(street=own_street)),
    )
    far = ListingFactory(
        published=True,
        title="远处的书架",
        seller=UserFactory(community=CommunityFactory(street=other_street)),
    )
    sign_in(client, resident)
    page = client.get("/").content.decode()
    near = section(page, "near-heading")
    assert neighbour.title in near
    assert far.title not in near
    newest = section(page, "newest-heading")
    assert far.title in newest
    # A listing is shown once, not again under "just listed".
    assert neighbour.title not in newest


def test_visitors_see_the_newest_goods_and_never_unpublished_ones(client, home):
    shown = ListingFactory(published=True, title="九成新电饭煲")
    hidden = ListingFactory(pending=True, title="待审核的相机")
    page = client.get("/").content.decode()
    assert shown.title in section(page, "newest-heading")
    assert hidden.title not in page
    assert "near-heading" not in page


def test_cards_offer_webp_renditions_for_each_screen_and_load_lazily(client, home):
    listing = ListingFactory(published=True)
    add_photos(listing, 1)
    page = client.get("/").content.decode()
    card = section(page, "newest-heading")
    assert re.search(r'<source type="image/webp" srcset="[^"]+\.webp 320w, [^"]+\.webp 800w"', card)
    assert 'loading="lazy"' in card
    assert 'sizes="(max-width: 40rem) 50vw' in card


def test_the_home_page_costs_the_same_with_ten_times_the_listings(client, home):
    resident = UserFactory()
    sign_in(client, resident)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/").status_code == 200
        return len(captured)

    ListingFactory.create_batch(2, published=True, seller=UserFactory(community=resident.community))
    elsewhere = UserFactory(
        community=CommunityFactory(street=Street.objects.exclude(code="120104007").first())
    )
    ListingFactory.create_batch(2, published=True, seller=elsewhere)
    queries()  # the first request of a session also fills per-process caches
    few = queries()
    ListingFactory.create_batch(20, published=True, seller=UserFactory(community=resident.community))
    ListingFactory.create_batch(10, published=True, seller=elsewhere)
    assert queries() == few
