"""Relevance ranks the newest SEARCH_RANK_WINDOW matches; the count, the facets and the other orders
cover every match. Ranking every match of a category word took over a second at a million listings."""

from dataclasses import replace

import pytest

from search.engines.database import DatabaseEngine
from search.query import SearchQuery
from tests.search.test_stored_vector import _document

pytestmark = pytest.mark.django_db


def listing(n: int, title: str, category: str) -> dict:
    published = f"2026-01-01T00:{n // 60:02d}:{n % 60:02d}+08:00"
    return {**_document(n, title, category), "published_at": published}


def _pages(engine, query: SearchQuery) -> list[int]:
    seen, after = [], None
    while True:
        result = engine.search(replace(query, after=after))
        seen += [hit.listing_id for hit in result.hits]
        if not result.next_after:
            return seen
        after = result.next_after


def test_relevance_ranks_the_newest_matches_and_the_count_covers_them_all(settings):
    settings.SEARCH_RANK_WINDOW = 100
    engine = DatabaseEngine()
    # The best match by text (the word as typed, in its own category) is the oldest listing.
    engine.index([listing(1, "自行车", "bicycles")])
    engine.index([listing(n, f"旧 自行车 车筐 配件 {n}", "other") for n in range(2, 151)])
    relevance = SearchQuery(text="自行车", sort="relevance", size=40)
    first = engine.search(relevance)
    assert first.total == 150 and first.facets["category"] == {"bicycles": 1, "other": 149}
    ranked = _pages(engine, relevance)
    assert sorted(ranked) == list(range(51, 151))  # the newest hundred, each once
    newest = _pages(engine, SearchQuery(text="自行车", sort="newest", size=40))
    assert sorted(newest) == list(range(1, 151))


def test_below_the_window_the_best_match_comes_first(settings):
    settings.SEARCH_RANK_WINDOW = 100
    engine = DatabaseEngine()
    engine.index([listing(1, "自行车", "bicycles")])
    engine.index([listing(n, f"旧 自行车 车筐 配件 {n}", "other") for n in range(2, 60)])
    assert engine.search(SearchQuery(text="自行车", sort="relevance")).hits[0].listing_id == 1
