"""Reading comparable sales and items to value from CSV, refusing bad lines with their number.

Columns (UTF-8, header row; see README.md beside this file):
- category (required): category path, e.g. electronics/phones
- brand, model: text, may be empty
- attributes: a JSON object, may be empty or absent
- new_price: price of the item new (CNY), may be empty
- age_days (required): days in use when sold (or now, for items)
- condition: like_new, 99, 95, 90, 80, 70, or empty when unknown
- sold_price, sold_at (YYYY-MM-DD): sales only
- any other column: an attribute (numbers, yes/no values or short words: storage, ram, screen_size,
  battery, release_year, mileage_km, os …), added to the attributes object.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from .. import valuation

REQUIRED = ["category", "age_days"]
KNOWN = ["category", "brand", "model", "attributes", "new_price", "age_days", "condition"]
SOLD = ["sold_price", "sold_at"]


class RowError(ValueError):
    pass


def _row(raw: dict, *, line: int, sold: bool, extra: list[str]) -> dict:
    try:
        condition = (raw.get("condition") or "").strip()
        if condition and condition not in valuation.CONDITION_FACTORS:
            raise RowError(f"line {line}: unknown condition {condition!r}")
        attributes = json.loads(raw.get("attributes") or "{}")
        if isinstance(attributes, dict):
            attributes.update({k: raw[k].strip() for k in extra if (raw.get(k) or "").strip()})
        new_price = (raw.get("new_price") or "").strip()
        row = {
            "category": raw["category"].strip(),
            "brand": (raw.get("brand") or "").strip()[:60],
            "model": (raw.get("model") or "").strip()[:100],
            "attributes": attributes,
            "new_price": Decimal(new_price) if new_price else None,
            "age_days": int(raw["age_days"]),
            "condition": condition,
        }
        if sold:
            row["sold_price"] = Decimal(raw["sold_price"])
            row["sold_at"] = dt.date.fromisoformat(raw["sold_at"].strip())
        check(row, line=line)
    except (KeyError, ValueError, TypeError, InvalidOperation, json.JSONDecodeError) as exc:
        if isinstance(exc, RowError):
            raise
        raise RowError(f"line {line}: {exc.__class__.__name__}: {exc}") from None
    return row


def check(row: dict, *, line: int) -> None:
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
    header = reader.fieldnames or []
    missing = [c for c in REQUIRED + (SOLD if sold else []) if c not in header]
    if missing:
        raise RowError(f"missing columns: {', '.join(missing)}")
    extra = [c for c in header if c not in KNOWN + SOLD]
    for line, raw in enumerate(reader, start=2):
        yield _row(raw, line=line, sold=sold, extra=extra)


def record(row) -> dict:
    """A sale or item (row dict or Comparable) as the plain record the pricing code reads."""
    get = row.get if isinstance(row, dict) else lambda name, default=None: getattr(row, name, default)
    new_price = get("new_price")
    sold_price = get("sold_price")
    return {
        "category": get("category", ""),
        "brand": get("brand", "") or "",
        "model": get("model", "") or "",
        "attributes": get("attributes") or {},
        "new_price": float(new_price) if new_price else None,
        "age_days": int(get("age_days") or 0),
        "condition": get("condition", "") or "",
        "sold_price": float(sold_price) if sold_price else None,
        "sold_at": get("sold_at"),
    }
