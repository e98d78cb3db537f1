"""What queries understand, on every engine: staff synonyms (without reindexing), category words,
brands in every script, specifications; and what the page says when it rewrote a query."""

import pytest
from django.urls import reverse

from search import dictionary
from search.documents import listing_document
from search.models import Synonym
from search.query import SearchQuery
from tests.listings.factories import ListingFactory, category
from tests.search.engines import drop_indices, make_engine

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["database", "opensearch"])
def engine(request):
    if request.param != "database":
        request.applymarker(pytest.mark.opensearch)
    engine, prefix = make_engine(request.param)
    yield engine
    if prefix:
        drop_indices(prefix)


def listed(engine, title, slug="other", **fields):
    listing = ListingFactory(title=title, category=category(slug), published=True, **fields)
    engine.index([listing_document(listing)])
    return listing


def ids(engine, text):
    return [hit.listing_id for hit in engine.search(SearchQuery(text=text)).hits]


def reload(engine) -> None:
    dictionary.forget()
    engine.reload_dictionary()


def test_a_synonym_staff_add_is_used_without_reindexing(engine):
    chair = listed(engine, "藤编摇椅", "furniture")
    reload(engine)
    assert ids(engine, "躺椅") == []
    Synonym.objects.create(term="摇椅", synonyms="躺椅")
    reload(engine)
    assert ids(engine, "躺椅") == [chair.pk]
    Synonym.objects.filter(term="摇椅").delete()
    reload(engine)
    assert ids(engine, "躺椅") == []


def test_a_category_word_ranks_that_category_above_listings_that_mention_it(engine):
    holder = listed(engine, "手机支架 懒人支架", "other")
    phone = listed(engine, "OPPO Reno8 备用机", "phones", attributes={"brand": "OPPO"})
    assert ids(engine, "手机") == [phone.pk, holder.pk]


@pytest.mark.parametrize("typed", ["苹果", "Apple", "pingguo"])
def test_a_brand_in_any_script_finds_listings_naming_its_products(engine, typed):
    ipad = listed(engine, "iPad 第九代 64G", "tablets")
    listed(engine, "华为 MatePad 11", "tablets", attributes={"brand": "华为"})
    assert ids(engine, typed) == [ipad.pk]


@pytest.mark.parametrize("typed", ["8+256", "8G+256G", "8gb+256gb"])
def test_memory_and_storage_are_found_however_they_are_written(engine, typed):
    phone = listed(engine, "华为 Mate 40 Pro 8+256", "phones")
    listed(engine, "小米 12S 12+256", "phones")
    assert ids(engine, typed) == [phone.pk]


def test_sizes_in_inches_meet_with_or_without_a_space(engine):
    bike = listed(engine, "捷安特山地车 26 寸", "bicycles")
    listed(engine, "折叠自行车 20寸", "bicycles")
    assert ids(engine, "26寸") == [bike.pk]
    assert ids(engine, "26寸自行车") == [bike.pk]


def test_product_words_stay_whole_so_a_mattress_is_found(engine):
    mattress = listed(engine, "席梦思床垫 1.8米", "furniture")
    assert ids(engine, "床垫") == [mattress.pk]


def index_on_database(*titles_and_slugs):
    from search.engines import database_engine

    engine = database_engine()
    return [listed(engine, title, slug) for title, slug in titles_and_slugs]


def test_the_page_says_when_it_corrected_a_misspelt_word(client):
    (phone,) = index_on_database(("iPhone 13 128G", "phones"))
    page = client.get(reverse("search:results"), {"q": "iphnoe"}).content.decode()
    assert "iPhone 13 128G" in page
    assert "“iphone”" in page and "iphnoe" in page


def test_the_page_says_which_word_it_dropped_when_nothing_matched_them_all(client):
    index_on_database(("华为手机 Mate 40", "phones"))
    page = client.get(reverse("search:results"), {"q": "手机 冰箱"}).content.decode()
    assert "华为手机 Mate 40" in page
    assert "“冰箱”" in page


def test_similar_listings_follow_a_short_list_under_their_own_heading(client):
    index_on_database(("格力空调 1匹", "appliances"), ("美的空调挂机", "appliances"))
    page = client.get(reverse("search:results"), {"q": "格力空调"}).content.decode()
    assert page.index("格力空调 1匹") < page.index("美的空调挂机")
    assert "美的空调挂机" in page.split('<h2 class="help">', 1)[1]


def test_the_dictionary_is_edited_as_data_by_platform_staff(client, platform_admin, resident):
    from search.models import Synonym
    from tests.accounts.factories import sign_in

    sign_in(client, platform_admin)
    page = client.get(reverse("wagtailsnippets_search_synonym:list"), {"q": "婴儿车"})
    assert page.status_code == 200
    assert "婴儿推车" in page.content.decode()
    entry = Synonym.objects.get(term="婴儿车")
    edit = reverse("wagtailsnippets_search_synonym:edit", args=[entry.pk])
    assert client.get(edit).status_code == 200
    client.force_login(resident)
    assert client.get(edit).status_code != 200
