"""Does one document satisfy a query? Used where no percolator exists (the database engine)."""

from __future__ import annotations

from search.analysis import analyse
from search.query import SearchQuery


def document_matches(query: SearchQuery, document: dict) -> bool:
    if query.category and query.category not in document["category_ancestors"]:
        return False
    if query.conditions and document["condition"] not in query.conditions:
        return False
    if query.trade_modes and document["trade_mode"] not in query.trade_modes:
        return False
    if query.street and document["street"] != query.street:
        return False
    price = document["price"] or 0.0
    if query.price_min is not None and price < float(query.price_min):
        return False
    if query.price_max is not None and price > float(query.price_max):
        return False
    if query.appraised_only and not document["appraised"]:
        return False
    if query.has_photos and not document["has_photos"]:
        return False
    if query.text:
        tokens = set(document["tokens"])
        return all(group & tokens for group in analyse(query.text).groups)
    return True
