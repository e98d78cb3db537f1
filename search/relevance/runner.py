"""Loading the relevance catalogue into an engine and running the judged queries against it.

The catalogue becomes real listings (so documents are built exactly as for residents' listings)
inside a transaction the caller rolls back; cluster engines get indices under a throwaway prefix.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from django.utils import timezone

from listings.models import Category, Listing
from marketplace.accounts.models import User
from marketplace.geography.models import Community
from search.documents import listing_document, listings_for_index
from search.query import SearchQuery, SearchResult

from . import data
from .metrics import Figures, Outcome

SELLER_EMAIL = "relevance@relevance.invalid"


def category_paths() -> dict[str, str]:
    return dict(Category.objects.values_list("slug", "path"))


def create_listings(items: list[data.Item]) -> dict[int, str]:
    """Published listings for the catalogue; returns listing id -> item key. Call inside a transaction."""
    seller, _ = User.objects.get_or_create(email=SELLER_EMAIL)
    community = Community.objects.order_by("pk").first()
    categories = {c.slug: c for c in Category.objects.all()}
    now = timezone.now()
    rows = [
        Listing(
            seller=seller,
            title=item.title,
            description=item.description,
            category=categories[item.category],
            attributes=item.attributes,
            condition="90",
            trade_mode="sell",
            price=Decimal(100 + index % 50 * 20),
            community=community,
            status=Listing.Status.PUBLISHED,
            # Spread over time so "newest" is no accidental ranking: order in the file means nothing.
            published_at=now - dt.timedelta(minutes=(index * 7919) % 10007),
            expires_at=now + dt.timedelta(days=60),
        )
        for index, item in enumerate(items)
    ]
    created = Listing.objects.bulk_create(rows)
    return {listing.pk: item.key for listing, item in zip(created, items, strict=True)}


def load(engine, items: list[data.Item]) -> dict[int, str]:
    keys = create_listings(items)
    documents = [listing_document(listing) for listing in listings_for_index().filter(pk__in=keys)]
    engine.ensure_index()
    engine.rebuild(iter(documents))
    return keys


def evaluate(
    judgments: list[data.Judgment],
    keys: dict[int, str],
    search: Callable[[SearchQuery], SearchResult],
) -> Figures:
    figures = Figures()
    for judgment in judgments:
        result = search(SearchQuery(text=judgment.text, size=24))
        ranked = [keys.get(hit.listing_id, "?") for hit in result.hits]
        figures.outcomes.append(
            Outcome(text=judgment.text, ranked=ranked, total=result.total, grades=judgment.grades)
        )
    return figures


def measure(engine, *, splits: list[str]) -> dict[str, Figures]:
    """Figures per split for `engine`. Call inside a transaction that is rolled back afterwards."""
    items = data.catalogue()
    paths = category_paths()
    keys = load(engine, items)
    from search.services import search_with_recovery

    def search(query: SearchQuery) -> SearchResult:
        return search_with_recovery(engine, query)

    return {split: evaluate(data.judgments(items, paths, split=split), keys, search) for split in splits}


def below_floor(figures: Figures, floors: dict) -> list[str]:
    measured = figures.as_dict()
    failed = [
        name for name in ("recall_at_24", "ndcg_at_10") if name in floors and measured[name] < floors[name]
    ]
    if "zero_result_rate" in floors and measured["zero_result_rate"] > floors["zero_result_rate"]:
        failed.append("zero_result_rate")
    return failed
