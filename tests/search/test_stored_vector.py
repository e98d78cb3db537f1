"""PostgreSQL ranks from stored tsvectors and counts facets with grouping sets: matching still uses
the GIN index, but no search parses every matching listing's words again, and results, scores and
counts are the same as when the vector was computed per row and facets counted value by value."""

from __future__ import annotations

import functools
from unittest import mock

import pytest
from django.contrib.postgres.search import SearchQuery as PgQuery
from django.contrib.postgres.search import SearchRank, SearchVector
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benchmarks.catalogue_words import ADJECTIVES, WORDS
from search import text
from search.engines import facets, fulltext
from search.engines.database import DatabaseEngine
from search.models import SearchEntry
from search.query import SearchQuery
from search.relevance import data, runner

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the stored vector is PostgreSQL's"),
]


FACETS = facets.facets


class PerRowVectorEngine(DatabaseEngine):
    """The engine as it was: to_tsvector(tokens) computed for each row ranked, and one filtered count
    per facet value."""

    def search(self, query):
        with mock.patch.object(facets, "facets", functools.partial(FACETS, grouping=False)):
            return super().search(query)

    def _text(self, entries, groups, categories, exact=()):
        if not groups:
            return entries, None
        vector = SearchVector("tokens", config="simple")
        ts_query = PgQuery(fulltext.tsquery(groups), search_type="raw", config="simple")
        matched = entries.annotate(document=vector).filter(document=ts_query)
        boost = fulltext.intent_boost(categories) + fulltext.exact_bonus(exact)
        return matched, SearchRank(vector, ts_query) + boost


def _rows(sql: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


STALE = (
    "SELECT count(*) FROM search_searchentry e FULL JOIN search_entry_vector v USING (listing_id) "
    "WHERE v.vector IS DISTINCT FROM to_tsvector('simple'::regconfig, e.tokens)"
)


def _document(listing_id: int, title: str, category: str) -> dict:
    return {
        "listing_id": listing_id,
        "title": title,
        "tokens": text.index_tokens(title),
        "pinyin": "",
        "category_path": category,
        "condition": "90",
        "trade_mode": "sell",
        "price": 100.0,
        "street": "120104007",
        "location": None,
        "appraised": False,
        "has_photos": False,
        "seller_rating": None,
        "published_at": None,
        "updated_at": str(listing_id),
    }


def test_every_write_of_the_index_keeps_one_stored_vector_per_entry():
    indexes = dict(_rows("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'search_searchentry'"))
    assert "USING gin (to_tsvector('simple'::regconfig" in indexes["search_entry_tokens_fts"]
    engine = DatabaseEngine()
    engine.index([_document(1, "折叠自行车", "bicycles"), _document(2, "实木书桌", "furniture")])
    assert _rows(STALE) == [(0,)] and _rows("SELECT count(*) FROM search_entry_vector") == [(2,)]
    engine.index([_document(1, "布艺沙发", "furniture")])  # a listing edited
    SearchEntry.objects.filter(listing_id=2).update(tokens=" 书架 ")
    assert _rows(STALE) == [(0,)]
    assert [h.listing_id for h in engine.search(SearchQuery(text="沙发")).hits] == [1]
    assert engine.search(SearchQuery(text="折叠自行车")).hits == []
    engine.delete([1])
    assert _rows(STALE) == [(0,)] and _rows("SELECT count(*) FROM search_entry_vector") == [(1,)]
    engine.rebuild(iter([_document(3, "羽毛球拍", "sports")]))
    assert _rows(STALE) == [(0,)] and _rows("SELECT listing_id FROM search_entry_vector") == [(3,)]


def _fields(n: int, title: str, slug: str) -> dict:
    tokens = " ".join(text.index_tokens(title))
    return {"title": title, "tokens": f" {tokens} ", "category_path": slug, "source_updated_at": str(n)}


def test_searches_match_through_the_gin_index_and_rank_from_the_stored_vector():
    entries = []
    for n in range(3000):
        slug, titles = list(WORDS.items())[n % len(WORDS)]
        title = f"{ADJECTIVES[n // 40 % len(ADJECTIVES)]} {titles[n // len(WORDS) % len(titles)]}"
        entries.append(SearchEntry(listing_id=n + 1, **_fields(n, title, slug)))
    for n, title in enumerate(["婴儿推车", "婴儿车 闲置", "机械表 九成新", "实木吉他", "吉他 自用"] * 3):
        entries.append(SearchEntry(listing_id=5000 + n, **_fields(n, title, "other")))
    SearchEntry.objects.bulk_create(entries, batch_size=1000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchentry")
    engine = DatabaseEngine()
    for words in ("婴儿推车", "机械表", "吉他 自用"):
        with CaptureQueriesContext(connection) as captured:
            result = engine.search(SearchQuery(text=words))
        assert result.total > 0
        text_queries = [q["sql"] for q in captured.captured_queries if "@@" in q["sql"]]
        assert len(text_queries) == 2  # the counts (which also tell whether anything matched), the page
        counts, page = _plan(text_queries[0]), _plan(text_queries[1])
        assert "Bitmap Index Scan on search_entry_tokens_fts" in counts
        assert "Bitmap Index Scan on search_entry_tokens_fts" in page
        # Ranked from the stored vector, looked up by key: to_tsvector is computed only by the index.
        assert "Index Scan using search_entry_vector_pkey" in page
        assert "ts_rank(to_tsvector" not in page
        # The window of newest matches is not found by walking the date index row by row.
        assert "search_sear_publish" not in page


def _plan(sql: str) -> str:
    # A few thousand rows fit in so few pages that reading them all is the cheaper plan; forbid that,
    # so the plan shows whether the GIN index can answer the query.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET LOCAL enable_seqscan = on")
    return plan


def test_results_scores_and_counts_are_those_of_the_vector_computed_per_row():
    items = data.catalogue()
    runner.load(DatabaseEngine(), items)
    judged = sorted({j.text for j in data.judgments(items, runner.category_paths())})
    queries = judged[::3] + ["手机", "电脑", "苹果", "apple", "婴儿车", "桌子", "手表", "书", "手鸡"]
    stored, per_row = DatabaseEngine(), PerRowVectorEngine()
    for query_text in queries:
        for sort in ("relevance", "price_asc") if len(query_text) < 3 else ("relevance",):
            query = SearchQuery(text=query_text, sort=sort, size=24)
            expected, got = per_row.search(query), stored.search(query)
            assert [(h.listing_id, h.score) for h in got.hits] == [
                (h.listing_id, h.score) for h in expected.hits
            ], query_text
            assert (got.total, got.facets, got.next_after) == (
                expected.total,
                expected.facets,
                expected.next_after,
            )
