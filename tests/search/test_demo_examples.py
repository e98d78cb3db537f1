"""The examples residents reported (issue: search that finds what people mean), on the demo catalogue
as `seed_demo` creates it, through the database engine the run command uses."""

import pytest

from demo.listings import seed_listings
from listings.models import Listing
from search import services
from search.query import SearchQuery

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(seller):
    seed_listings("demo-password", seller)
    services.process_outbox(limit=1000)
    return Listing.objects.filter(status=Listing.Status.PUBLISHED)


def found(text: str) -> list[int]:
    return [hit.listing_id for hit in services.search_listings(SearchQuery(text=text, size=48)).hits]


@pytest.mark.parametrize(
    "text,category",
    [
        ("手机", "phones"),
        ("电脑", "computers"),
        ("图书", "books"),
        ("平板", "tablets"),
        ("相机", "cameras"),
        ("家电", "appliances"),
    ],
)
def test_a_category_word_finds_every_live_listing_of_that_category(demo, text, category):
    expected = set(demo.filter(category__slug=category).values_list("pk", flat=True))
    assert expected
    assert expected <= set(found(text))


def test_apple_in_chinese_finds_the_iphone_the_ipad_and_the_macbook(demo):
    apple = set(demo.filter(attributes__brand="Apple").values_list("pk", flat=True))
    assert {listing.title for listing in demo.filter(pk__in=apple)} >= {
        "iPad 第九代 64G",
        "MacBook Air M1 8+256",
    }
    assert apple <= set(found("苹果"))
    assert apple <= set(found("apple"))


@pytest.mark.parametrize(
    "text,titles",
    [
        ("婴儿车", {"好孩子婴儿推车"}),
        ("桌子", {"实木书桌 1.2 米", "折叠餐桌"}),
        ("手表", {"天梭机械表"}),
    ],
)
def test_near_synonyms_and_narrower_words_are_found(demo, text, titles):
    expected = set(demo.filter(title__in=titles).values_list("pk", flat=True))
    assert len(expected) == len(titles)
    assert expected <= set(found(text))


def test_books_rank_above_listings_that_merely_mention_a_book(demo):
    books = set(demo.filter(category__slug="books").values_list("pk", flat=True))
    results = found("书")
    assert set(results[: len(books)]) == books
