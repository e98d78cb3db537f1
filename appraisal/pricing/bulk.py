"""Batch work for valuers: importing comparable sales and estimating many items at once."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable

from django.db import transaction

from .. import valuation
from ..models import Comparable
from .csvrows import read_rows, record
from .training import Valuer

# Useful life (months) by top-level category, for the cost method before any depreciation is fitted.
LIFE_MONTHS = {
    "electronics": 48,
    "computers": 60,
    "appliances": 120,
    "furniture": 120,
    "clothing": 36,
    "books": 120,
    "baby": 60,
    "bicycles": 96,
    "sports": 72,
    "luxury": 240,
    "vehicles": 180,
    "other": 60,
}
OUTPUT = [
    "category", "brand", "model", "attributes", "new_price", "age_days", "condition",
    "estimate", "low", "high", "market", "cost", "fitted", "model_version", "factors",
]  # fmt: skip


@transaction.atomic
def import_comparables(handle, *, progress: Callable[[int], None] | None = None, chunk: int = 2000) -> int:
    """All rows or none: a bad line anywhere rolls the whole file back."""
    batch, done = [], 0
    for row in read_rows(handle, sold=True):
        batch.append(Comparable(**row))
        if len(batch) == chunk:
            Comparable.objects.bulk_create(batch)
            done += len(batch)
            batch = []
            if progress:
                progress(done)
    Comparable.objects.bulk_create(batch)
    done += len(batch)
    if progress:
        progress(done)
    return done


def _fixed_rule(row: dict, pool: dict) -> tuple:
    """Before a model covers the category: market (same category, brand, model) and cost with the
    default life, reconciled 60/40."""
    age_months = row["age_days"] // 30
    market = valuation.market_value(
        pool[(row["category"], row["brand"], row["model"])], condition=row["condition"], age_months=age_months
    )
    cost = None
    if row["new_price"]:
        life = LIFE_MONTHS.get(row["category"].split("/")[0], 60)
        newness = valuation.newness_by_age(age_months, life) * valuation.condition_factor(row["condition"])
        cost = valuation.cost_value(row["new_price"], newness)
    try:
        result = valuation.reconcile(market=market, cost=cost)
    except ValueError:
        return None, None, None, market, cost
    return result.estimate, result.low, result.high, market, cost


def _pool(rows: list[dict]) -> dict:
    pool: dict[tuple, list[valuation.Comparable]] = defaultdict(list)
    keys = {(r["category"], r["brand"], r["model"]) for r in rows}
    for c in (
        Comparable.objects.filter(category__in={k[0] for k in keys})
        .values_list("category", "brand", "model", "sold_price", "condition", "age_days")
        .iterator(chunk_size=5000)
    ):
        if (c[0], c[1], c[2]) in keys:
            pool[(c[0], c[1], c[2])].append(valuation.Comparable(c[3], c[4], c[5] // 30))
    return pool


def estimate_rows(
    rows: list[dict],
    *,
    valuer: Valuer | None = None,
    version: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[dict]:
    """The fitted model reconciled with market and cost where a model covers the category; the fixed
    rule elsewhere. Items are valued in batches of 1000."""
    out = []
    pool = _pool(rows)
    for start in range(0, len(rows), 1000):
        part = rows[start : start + 1000]
        fitted = valuer.estimate([record(r) for r in part]) if valuer else [None] * len(part)
        for row, found in zip(part, fitted, strict=True):
            base = {
                **{k: row[k] for k in ("category", "brand", "model", "age_days", "condition")},
                "attributes": json.dumps(row["attributes"], ensure_ascii=False),
                "new_price": row["new_price"] if row["new_price"] is not None else "",
            }
            if found is not None:
                methods = found.methods
                base |= {
                    "estimate": found.estimate, "low": found.low, "high": found.high,
                    "market": methods["market"] or "", "cost": methods["cost"] or "",
                    "fitted": methods["model"], "model_version": version or "",
                    "factors": "；".join(f["text"] for f in found.factors),
                }  # fmt: skip
            else:
                estimate, low, high, market, cost = _fixed_rule(row, pool)
                base |= {
                    "estimate": estimate or "", "low": low or "", "high": high or "",
                    "market": market.estimate if isinstance(market, valuation.MarketEstimate) else "",
                    "cost": cost if cost is not None else "",
                    "fitted": "", "model_version": "", "factors": "",
                }  # fmt: skip
            out.append(base)
        if progress:
            progress(len(out))
    return out
