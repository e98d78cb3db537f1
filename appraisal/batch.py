"""CSV batch work for valuers: importing comparable sales and estimating many items at once.

Columns: category, brand, model, attributes (JSON object, may be empty), new_price, age_days,
condition (like_new, 99, 95, 90, 80, 70), sold_price, sold_at (YYYY-MM-DD). estimate_values reads
the same columns without sold_price/sold_at and adds estimate, low, high, market, cost.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation

from django.db import transaction

from . import valuation
from .models import Comparable

REQUIRED = ["category", "brand", "model", "attributes", "new_price", "age_days", "condition"]
# Useful life (months) by top-level category, for the cost method's age newness rate. Data, not law.
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


class RowError(ValueError):
    pass


def _row(raw: dict, *, line: int, sold: bool) -> dict:
    try:
        condition = raw["condition"].strip()
        if condition not in valuation.CONDITION_FACTORS:
            raise RowError(f"line {line}: unknown condition {condition!r}")
        row = {
            "category": raw["category"].strip(),
            "brand": raw["brand"].strip(),
            "model": raw["model"].strip(),
            "attributes": json.loads(raw["attributes"] or "{}"),
            "new_price": Decimal(raw["new_price"]) if raw["new_price"].strip() else None,
            "age_days": int(raw["age_days"]),
            "condition": condition,
        }
        if sold:
            row["sold_price"] = Decimal(raw["sold_price"])
            row["sold_at"] = dt.date.fromisoformat(raw["sold_at"].strip())
        _check(row, line=line)
    except (KeyError, ValueError, InvalidOperation, json.JSONDecodeError) as exc:
        if isinstance(exc, RowError):
            raise
        raise RowError(f"line {line}: {exc.__class__.__name__}: {exc}") from None
    return row


def _check(row: dict, *, line: int) -> None:
    """Refuse values the database would refuse later (and half a file with them), with the line."""
    problems = []
    if not row["category"]:
        problems.append("category is empty")
    if not isinstance(row["attributes"], dict):
        problems.append("attributes must be a JSON object")
    if row["age_days"] < 0:
        problems.append(f"age_days {row['age_days']} is negative")
    for name in ("new_price", "sold_price"):
        value = row.get(name)
        if value is not None and (not value.is_finite() or value <= 0 or value >= Decimal("1e8")):
            problems.append(f"{name} {value} is not a price")
    if row.get("sold_at") and row["sold_at"] > dt.date.today():
        problems.append(f"sold_at {row['sold_at']} is in the future")
    if problems:
        raise RowError(f"line {line}: {'; '.join(problems)}")


def read_rows(handle, *, sold: bool) -> Iterable[dict]:
    reader = csv.DictReader(handle)
    needed = REQUIRED + (["sold_price", "sold_at"] if sold else [])
    missing = [c for c in needed if c not in (reader.fieldnames or [])]
    if missing:
        raise RowError(f"missing columns: {', '.join(missing)}")
    for line, raw in enumerate(reader, start=2):
        yield _row(raw, line=line, sold=sold)


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


def estimate_rows(rows: list[dict], *, progress: Callable[[int], None] | None = None) -> list[dict]:
    """Market + cost for every row; comparables are loaded once per (category, brand, model)."""
    pool: dict[tuple, list[valuation.Comparable]] = defaultdict(list)
    keys = {(r["category"], r["brand"], r["model"]) for r in rows}
    categories = {k[0] for k in keys}
    for c in (
        Comparable.objects.filter(category__in=categories)
        .values_list("category", "brand", "model", "sold_price", "condition", "age_days")
        .iterator(chunk_size=5000)
    ):
        if (c[0], c[1], c[2]) in keys:
            pool[(c[0], c[1], c[2])].append(valuation.Comparable(c[3], c[4], c[5] // 30))
    out = []
    for index, row in enumerate(rows, start=1):
        age_months = row["age_days"] // 30
        market = valuation.market_value(
            pool[(row["category"], row["brand"], row["model"])],
            condition=row["condition"],
            age_months=age_months,
        )
        cost = None
        if row["new_price"]:
            life = LIFE_MONTHS.get(row["category"].split("/")[0], 60)
            newness = (
                valuation.newness_by_age(age_months, life) * valuation.CONDITION_FACTORS[row["condition"]]
            )
            cost = valuation.cost_value(row["new_price"], newness)
        try:
            result = valuation.reconcile(market=market, cost=cost)
            estimate, low, high = result.estimate, result.low, result.high
        except ValueError:
            estimate = low = high = None
        out.append(
            {
                **{k: row[k] for k in ("category", "brand", "model")},
                "attributes": json.dumps(row["attributes"], ensure_ascii=False),
                "new_price": row["new_price"] if row["new_price"] is not None else "",
                "age_days": row["age_days"],
                "condition": row["condition"],
                "estimate": estimate if estimate is not None else "",
                "low": low if low is not None else "",
                "high": high if high is not None else "",
                "market": market.estimate if isinstance(market, valuation.MarketEstimate) else "",
                "cost": cost if cost is not None else "",
            }
        )
        if progress and index % 1000 == 0:
            progress(index)
    if progress:
        progress(len(rows))
    return out
