"""The embedded default engine: the `SearchEntry` table in the project's own database.

Both backends search the same pre-segmented tokens with the same dictionary expansions (every word of
the query must match; any of its synonyms or narrower words will do):
PostgreSQL: full-text search (a GIN index on the tsvector), ranked by ts_rank of a stored vector.
SQLite: an FTS5 table kept in step by triggers (migration 0005), ranked by bm25.
Listings of a category the query names rank first. Typo tolerance for Chinese: when nothing matches,
the query is tried again as pinyin, so a homophone typo (手鸡) still finds 手机.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

from django.conf import settings
from django.contrib.postgres.search import SearchQuery as PgQuery
from django.contrib.postgres.search import SearchRank, SearchVector
from django.db import connection, transaction
from django.db.models import F, FloatField, Q, Value
from django.db.models.functions import ACos, Cos, Least, Radians, Sin
from django.utils.dateparse import parse_datetime

from search import dictionary, text
from search.analysis import analyse
from search.matching import document_matches
from search.models import SavedSearch, SearchEntry
from search.query import Hit, SearchQuery, SearchResult

from . import facets, fulltext


def _entry(document: dict) -> SearchEntry:
    location = document["location"] or {}
    tokens = " ".join(document["tokens"])
    return SearchEntry(
        listing_id=document["listing_id"],
        title=document["title"],
        tokens=f" {tokens} ",
        suggest=" ".join([document["title"].lower(), document["pinyin"]]),
        category_path=document["category_path"],
        condition=document["condition"],
        trade_mode=document["trade_mode"],
        price=document["price"] or 0.0,
        street=document["street"],
        latitude=location.get("lat"),
        longitude=location.get("lon"),
        appraised=document["appraised"],
        has_photos=document["has_photos"],
        seller_rating=document["seller_rating"],
        published_at=parse_datetime(document["published_at"]) if document["published_at"] else None,
        source_updated_at=document["updated_at"],
    )


class DatabaseEngine:
    name = "database"

    @property
    def postgres(self) -> bool:
        return connection.vendor == "postgresql"

    def ping(self) -> bool:
        return True

    def ensure_index(self) -> None:
        return None

    def reload_dictionary(self) -> None:
        return None  # every query reads the dictionary; see search.dictionary.current()

    def index(self, documents: list[dict]) -> None:
        if not documents:
            return
        entries = [_entry(d) for d in documents]
        with transaction.atomic():
            SearchEntry.objects.filter(listing_id__in=[e.listing_id for e in entries]).delete()
            SearchEntry.objects.bulk_create(entries)

    def delete(self, listing_ids: list[int]) -> None:
        SearchEntry.objects.filter(listing_id__in=listing_ids).delete()

    def indexed_versions(self) -> dict[int, str]:
        return dict(SearchEntry.objects.values_list("listing_id", "source_updated_at"))

    def rebuild(self, documents: Iterable[dict], *, progress: Callable[[int], None] | None = None) -> dict:
        # One transaction: readers see the old table until the new one is complete.
        count = 0
        with transaction.atomic():
            SearchEntry.objects.all().delete()
            batch: list[dict] = []
            for document in documents:
                batch.append(document)
                if len(batch) == 500:
                    SearchEntry.objects.bulk_create([_entry(d) for d in batch])
                    count += len(batch)
                    batch = []
                    if progress:
                        progress(count)
            SearchEntry.objects.bulk_create([_entry(d) for d in batch])
            count += len(batch)
        if progress:
            progress(count)
        return {"indexed": count, "index": "search_searchentry"}

    # --- Queries ---------------------------------------------------------------------------------

    def _filtered(self, query: SearchQuery):
        entries = SearchEntry.objects.all()
        if query.category:
            entries = entries.filter(
                Q(category_path=query.category) | Q(category_path__startswith=query.category + "/")
            )
        if query.conditions:
            entries = entries.filter(condition__in=query.conditions)
        if query.trade_modes:
            entries = entries.filter(trade_mode__in=query.trade_modes)
        if query.street:
            entries = entries.filter(street=query.street)
        if query.price_min is not None:
            entries = entries.filter(price__gte=float(query.price_min))
        if query.price_max is not None:
            entries = entries.filter(price__lte=float(query.price_max))
        if query.appraised_only:
            entries = entries.filter(appraised=True)
        if query.has_photos:
            entries = entries.filter(has_photos=True)
        return entries

    def _text(self, entries, groups: list[frozenset[str]], categories: frozenset[str], exact=()):
        """Entries matching every group, and their `rank`: category intent first, then listings
        holding the words as typed (not only their synonyms), then the text score (below 1)."""
        if not groups:
            return entries, None
        if self.postgres:
            # Matched through the GIN expression index (0002); ranked from the stored vectors (0006),
            # as parsing `tokens` for every matching row made category words slow.
            ts_query = PgQuery(fulltext.tsquery(groups), search_type="raw", config="simple")
            matched = entries.alias(document=SearchVector("tokens", config="simple")).filter(
                document=ts_query
            )
            score = SearchRank(fulltext.stored_vector(), ts_query)
        else:
            expression = fulltext.fts5_query(groups)
            matched = entries.filter(listing_id__in=fulltext.fts5_matches(expression))
            score = fulltext.fts5_rank(expression)
        return matched, score + fulltext.intent_boost(categories) + fulltext.exact_bonus(exact)

    def search(self, query: SearchQuery) -> SearchResult:
        base = self._filtered(query)
        analysed = analyse(query.text)
        matched, rank = self._text(base, analysed.groups, analysed.categories, analysed.words)
        counts, total = facets.facets(matched)
        # Nothing found: try the words as pinyin, then each run of characters as pinyin (homophone typos).
        terms = dictionary.current()
        for alternative in (text.query_pinyin, text.query_pinyin_runs):
            if not analysed.groups or total:
                break
            groups = [terms.expand(word) for word in alternative(query.text)]
            matched, rank = self._text(base, groups, analysed.categories)
            counts, total = facets.facets(matched)
        if rank is not None and query.sort == "relevance":
            matched = _rank_window(matched)
        if rank is not None:
            matched = matched.annotate(rank=rank)
        ordered, keys = self._ordered(matched, query, rank is not None)
        if query.after:
            ordered = ordered.filter(_after(keys, query.after))
        rows = list(ordered[: query.size])
        hits = [
            Hit(
                listing_id=row.listing_id,
                score=getattr(row, "rank", None),
                distance_km=getattr(row, "distance", None),
            )
            for row in rows
        ]
        next_after = None
        if len(rows) == query.size:
            last = rows[-1]
            next_after = [_cursor_value(getattr(last, name)) for name, _desc in keys]
        return SearchResult(hits=hits, total=total, facets=counts, next_after=next_after, engine=self.name)

    def _ordered(self, entries, query: SearchQuery, ranked: bool):
        if query.sort == "distance" and query.origin:
            lat, lon = query.origin
            cosine = Cos(Radians(Value(lat))) * Cos(Radians("latitude")) * Cos(
                Radians("longitude") - Radians(Value(lon))
            ) + Sin(Radians(Value(lat))) * Sin(Radians("latitude"))
            entries = entries.filter(latitude__isnull=False).annotate(
                distance=Value(6371.0, output_field=FloatField()) * ACos(Least(cosine, Value(1.0)))
            )
            keys = [("distance", False), ("listing_id", False)]
        elif query.sort == "price_asc":
            keys = [("price", False), ("listing_id", False)]
        elif query.sort == "price_desc":
            keys = [("price", True), ("listing_id", True)]
        elif query.sort == "relevance" and ranked:
            keys = [("rank", True), ("listing_id", True)]
        else:
            keys = [("published_at", True), ("listing_id", True)]
        order = [F(name).desc() if desc else F(name).asc() for name, desc in keys]
        return entries.order_by(*order), keys

    def suggest(self, prefix: str, size: int = 8) -> list[str]:
        prefix = prefix.strip().lower()
        if not prefix:
            return []
        rows = (
            SearchEntry.objects.filter(
                Q(title__istartswith=prefix) | Q(suggest__contains=" " + prefix) | Q(title__icontains=prefix)
            )
            .order_by("-published_at")
            .values_list("title", flat=True)[: size * 3]
        )
        return list(dict.fromkeys(rows))[:size]

    # --- Saved searches: evaluated here, since a table has no percolator -----------------------

    def save_search(self, saved_search_id: int, query: SearchQuery) -> None:
        return None

    def forget_search(self, saved_search_id: int) -> None:
        return None

    def matching_saved_searches(self, document: dict) -> list[int]:
        return [
            saved.pk
            for saved in SavedSearch.objects.only("pk", "query").iterator()
            if document_matches(SearchQuery.from_json(saved.query), document)
        ]


def _rank_window(matched):
    """Only the newest SEARCH_RANK_WINDOW matches are ranked: scoring every match of a category word
    (87,000 of a million listings for 手机) took over a second, and a resident looking for second-hand
    goods wants the best of what is still fresh. Counts and facets still cover every match."""
    # Ordered by an expression no index provides, so PostgreSQL gathers the matches from the GIN
    # index and keeps the newest (15 ms for 21,000 matches) instead of walking the date index and
    # parsing every row it passes until enough match (550 ms). Ids grow with publication.
    newest = (F("listing_id") + 0).desc()
    window = matched.order_by(newest).values("listing_id")[: settings.SEARCH_RANK_WINDOW]
    # The window holds only matches: the rows are fetched by key, the text not matched again.
    return SearchEntry.objects.filter(listing_id__in=window)


def _cursor_value(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _after(keys: list[tuple[str, bool]], after: list) -> Q:
    """Keyset pagination: rows strictly after the cursor in the (key, listing_id) order."""
    (first, first_desc), (tie, tie_desc) = keys
    value, tie_value = after[0], after[1]
    if first == "published_at" and isinstance(value, str):
        value = parse_datetime(value)
    beyond = f"{first}__lt" if first_desc else f"{first}__gt"
    tie_beyond = f"{tie}__lt" if tie_desc else f"{tie}__gt"
    return Q(**{beyond: value}) | Q(**{first: value, tie_beyond: tie_value})
