"""One contract, three engines: whatever engine runs, residents get the same answers."""

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.utils import timezone

from marketplace.geography.models import Community
from search.documents import listing_document
from search.models import SavedSearch
from search.query import SearchQuery
from tests.accounts.factories import UserFactory
from tests.listings.factories import ListingFactory, add_photos, category
from tests.search.engines import drop_indices, make_engine

pytestmark = pytest.mark.django_db
GUANYILI = (39.1261, 117.1436)


@pytest.fixture(params=["database", "opensearch", "elasticsearch"])
def engine(request):
    kind = request.param
    if kind != "database":
        request.applymarker(pytest.mark.opensearch)
    engine, prefix = make_engine(kind)
    yield engine
    if prefix:
        drop_indices(prefix)


@pytest.fixture(params=["opensearch", "elasticsearch"])
def cluster_engine(request):
    """Only engines with an index alias and fuzzy matching (the cluster engines)."""
    request.applymarker(pytest.mark.opensearch)
    engine, prefix = make_engine(request.param)
    yield engine
    drop_indices(prefix)


@pytest.fixture
def catalogue(db):
    """Five listings across categories, streets, prices and trade modes."""
    guanyili = Community.objects.get(name="官易里社区")
    yueshengli = Community.objects.get(name="跃升里社区")
    chunchangli = Community.objects.get(name="春畅里社区")
    now = timezone.now()

    def listing(title, slug, condition, mode, price, community, hours_ago, photos):
        item = ListingFactory(
            seller=UserFactory(),
            title=title,
            category=category(slug),
            condition=condition,
            trade_mode=mode,
            price=price,
            community=community,
            published=True,
            published_at=now - dt.timedelta(hours=hours_ago),
        )
        if photos:
            add_photos(item)
        return item

    items = {
        "iphone": listing("iPhone 13 手机 128G", "phones", "95", "sell", "2350.00", guanyili, 5, True),
        "huawei": listing("华为手机 Mate 40", "phones", "90", "sell", "1680.00", chunchangli, 4, False),
        "desk": listing("实木书桌", "furniture", "90", "sell", "300.00", yueshengli, 3, True),
        "books": listing("儿童绘本 二十本", "books", "80", "give", None, chunchangli, 2, True),
        "ipad": listing("iPad 平板电脑", "tablets", "99", "swap", None, guanyili, 1, False),
    }
    docs = {name: listing_document(item) for name, item in items.items()}
    docs["huawei"]["appraised"] = True
    docs["huawei"]["appraisal_grade"] = "A"
    return items, docs


@pytest.fixture
def indexed(engine, catalogue):
    items, docs = catalogue
    engine.index(list(docs.values()))
    return items, docs


def ids(result) -> list[int]:
    return [hit.listing_id for hit in result.hits]


def pks(items, *names) -> set[int]:
    return {items[name].pk for name in names}


def test_chinese_words_find_their_listings(engine, indexed):
    items, _docs = indexed
    assert set(ids(engine.search(SearchQuery(text="手机")))) == pks(items, "iphone", "huawei")
    assert set(ids(engine.search(SearchQuery(text="书桌")))) == pks(items, "desk")
    assert ids(engine.search(SearchQuery(text="冰箱"))) == []


@pytest.mark.parametrize("typed", ["shouji", "sj", "SHOUJI"])
def test_pinyin_and_initials_find_chinese_titles(engine, indexed, typed):
    items, _docs = indexed
    assert set(ids(engine.search(SearchQuery(text=typed)))) == pks(items, "iphone", "huawei")


def test_a_homophone_typo_still_finds_the_item(engine, indexed):
    items, _docs = indexed
    assert set(ids(engine.search(SearchQuery(text="手鸡")))) == pks(items, "iphone", "huawei")


@pytest.mark.parametrize(
    "query,expected",
    [
        (SearchQuery(category="electronics"), ("iphone", "huawei", "ipad")),
        (SearchQuery(category="electronics/phones"), ("iphone", "huawei")),
        (SearchQuery(conditions=["90"]), ("huawei", "desk")),
        (SearchQuery(price_min=Decimal("1000"), price_max=Decimal("2000")), ("huawei",)),
        (SearchQuery(price_max=Decimal("500")), ("desk", "books", "ipad")),
        (SearchQuery(trade_modes=["give"]), ("books",)),
        (SearchQuery(trade_modes=["swap", "give"]), ("books", "ipad")),
        (SearchQuery(street="120104002"), ("huawei", "books")),
        (SearchQuery(appraised_only=True), ("huawei",)),
        (SearchQuery(has_photos=True), ("iphone", "desk", "books")),
        (SearchQuery(text="手机", price_max=Decimal("2000")), ("huawei",)),
    ],
)
def test_every_filter(engine, indexed, query, expected):
    items, _docs = indexed
    result = engine.search(query)
    assert set(ids(result)) == pks(items, *expected)
    assert result.total == len(expected)


def test_facet_counts_for_every_filter(engine, indexed):
    facets = engine.search(SearchQuery()).facets
    assert facets["condition"] == {"95": 1, "90": 2, "80": 1, "99": 1}
    assert facets["trade_mode"] == {"sell": 3, "give": 1, "swap": 1}
    assert facets["street"] == {"120104007": 3, "120104002": 2}
    assert facets["top_category"] == {"electronics": 3, "furniture": 1, "books": 1}
    assert facets["appraised"] == {"true": 1, "false": 4}
    assert facets["has_photos"] == {"true": 3, "false": 2}
    narrowed = engine.search(SearchQuery(text="手机")).facets
    assert narrowed["condition"] == {"95": 1, "90": 1}


def test_each_sort(engine, indexed):
    items, _docs = indexed
    order = {name: items[name].pk for name in items}
    assert ids(engine.search(SearchQuery(sort="newest"))) == [
        order["ipad"],
        order["books"],
        order["desk"],
        order["huawei"],
        order["iphone"],
    ]
    free_first = sorted([order["books"], order["ipad"]])
    assert ids(engine.search(SearchQuery(sort="price_asc"))) == free_first + [
        order["desk"],
        order["huawei"],
        order["iphone"],
    ]
    assert ids(engine.search(SearchQuery(sort="price_desc")))[:3] == [
        order["iphone"],
        order["huawei"],
        order["desk"],
    ]
    nearest = engine.search(SearchQuery(sort="distance", origin=GUANYILI))
    assert ids(nearest)[:2] == sorted([order["iphone"], order["ipad"]])
    assert ids(nearest)[2] == order["desk"]
    assert nearest.hits[0].distance_km == pytest.approx(0.0, abs=0.05)
    assert 3.0 < nearest.hits[-1].distance_km < 5.0  # 官易里 → 春畅里
    relevant = ids(engine.search(SearchQuery(text="手机", sort="relevance")))
    assert set(relevant) == {order["iphone"], order["huawei"]}


def test_search_after_pages_through_everything_once(engine, indexed):
    items, _docs = indexed
    seen, after = [], None
    for _page in range(10):
        result = engine.search(SearchQuery(sort="newest", size=2, after=after))
        seen += ids(result)
        after = result.next_after
        if not after:
            break
    assert sorted(seen) == sorted(item.pk for item in items.values())
    price_pages, after = [], None
    for _page in range(10):
        result = engine.search(SearchQuery(sort="price_asc", size=2, after=after))
        price_pages += ids(result)
        after = result.next_after
        if not after:
            break
    assert price_pages == ids(engine.search(SearchQuery(sort="price_asc")))


def test_suggestions_by_prefix_and_pinyin(engine, indexed):
    items, _docs = indexed
    assert items["iphone"].title in engine.suggest("iph")
    assert set(engine.suggest("shou")) & {items["iphone"].title, items["huawei"].title}
    assert engine.suggest("") == []


def test_saved_searches_are_matched_against_new_listings(engine, indexed, resident):
    _items, docs = indexed
    query = SearchQuery(text="手机", price_max=Decimal("2000"))
    saved = SavedSearch.objects.create(user=resident, name="便宜手机", query=query.to_json())
    other = SavedSearch.objects.create(
        user=resident, name="书", query=SearchQuery(category="books").to_json()
    )
    engine.save_search(saved.pk, query)
    engine.save_search(other.pk, SearchQuery(category="books"))
    assert engine.matching_saved_searches(docs["huawei"]) == [saved.pk]
    assert engine.matching_saved_searches(docs["iphone"]) == []
    assert engine.matching_saved_searches(docs["books"]) == [other.pk]
    engine.forget_search(other.pk)
    other.delete()
    assert engine.matching_saved_searches(docs["books"]) == []


def test_deleted_listings_disappear(engine, indexed):
    items, _docs = indexed
    engine.delete([items["desk"].pk])
    assert ids(engine.search(SearchQuery(text="书桌"))) == []
    assert items["desk"].pk not in engine.indexed_versions()


def test_indexed_versions_report_what_the_index_holds(engine, indexed):
    items, docs = indexed
    versions = engine.indexed_versions()
    assert versions == {doc["listing_id"]: doc["updated_at"] for doc in docs.values()}


def test_latin_typos_are_tolerated_by_cluster_engines(cluster_engine, catalogue):
    items, docs = catalogue
    engine = cluster_engine
    engine.index(list(docs.values()))
    assert pks(items, "iphone") <= set(ids(engine.search(SearchQuery(text="iphnoe"))))


def test_the_alias_moves_during_a_rebuild_while_searches_run(cluster_engine, catalogue):
    _items, docs = catalogue
    engine = cluster_engine
    engine.index(list(docs.values()))
    failures, totals, stop = [], set(), threading.Event()

    def keep_searching():
        while not stop.is_set():
            try:
                totals.add(engine.search(SearchQuery(text="手机")).total)
            except Exception as exc:  # any error is a failed search during the switch
                failures.append(exc)

    searcher = threading.Thread(target=keep_searching)
    searcher.start()
    try:
        for _round in range(3):
            summary = engine.rebuild(list(docs.values()))
            assert summary["indexed"] == 5
            assert len(summary["replaced"]) == 1
    finally:
        stop.set()
        searcher.join()
    assert failures == []
    assert totals == {2}
