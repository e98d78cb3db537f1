"""Facet counts and the total for the database engine, in one query over the matching rows.

The values each facet can take are known (choices, streets, category paths), so one query answers
every facet: on PostgreSQL grouping sets (one pass, one hash per facet), elsewhere one filtered count
per value. Either way the facets hold the known values with at least one listing, in their order.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Count, Q

FACET_FIELDS = {
    "category": "category_path",
    "condition": "condition",
    "trade_mode": "trade_mode",
    "street": "street",
    "appraised": "appraised",
    "has_photos": "has_photos",
}
Facets = dict[str, dict[str, int]]


def facets(entries, *, grouping: bool | None = None) -> tuple[Facets, int]:
    """Every facet's counts (and top-level categories') and the total of `entries`; grouping sets
    unless told otherwise on PostgreSQL, filtered counts elsewhere."""
    domains = _domains()
    grouping = connection.vendor == "postgresql" if grouping is None else grouping
    counts = _grouped(entries) if grouping else _filtered(entries, domains)
    result: Facets = {}
    for facet, values in domains.items():
        found = counts.get(facet, {})
        result[facet] = {_key(value): found[value] for value in values if found.get(value)}
    tops: dict[str, int] = {}
    for path, n in result["category"].items():
        top = path.split("/")[0]
        tops[top] = tops.get(top, 0) + n
    result["top_category"] = tops
    return result, counts["total"]


def _filtered(entries, domains: dict[str, list]) -> dict:
    aggregates = {"total": Count("pk")}
    for facet, values in domains.items():
        for index, value in enumerate(values):
            aggregates[f"{facet}__{index}"] = Count("pk", filter=Q(**{FACET_FIELDS[facet]: value}))
    row = entries.order_by().aggregate(**aggregates)
    counts: dict = {"total": row["total"]}
    for facet, values in domains.items():
        counts[facet] = {value: row[f"{facet}__{index}"] for index, value in enumerate(values)}
    return counts


def _grouped(entries) -> dict:
    columns = list(FACET_FIELDS.values())
    inner, params = entries.order_by().values(*columns).query.sql_with_params()
    quoted = [connection.ops.quote_name(column) for column in columns]
    sets = ", ".join(f"({column})" for column in quoted)
    # GROUPING(...) has a bit set for each column a row is not grouped by: it tells which facet (or
    # the total, every bit set) the row counts. Columns and SQL are the engine's own; values are
    # bound parameters of the inner query.
    sql = (
        f"SELECT {', '.join(quoted)}, GROUPING({', '.join(quoted)}), COUNT(*) "  # noqa: S608  # nosec B608
        f"FROM ({inner}) AS matched GROUP BY GROUPING SETS ({sets}, ())"
    )
    every = (1 << len(columns)) - 1
    counts: dict = {"total": 0}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for *values, grouping, count in cursor.fetchall():
            if grouping == every:
                counts["total"] = count
                continue
            for index, facet in enumerate(FACET_FIELDS):
                if grouping == every ^ (1 << (len(columns) - 1 - index)):
                    counts.setdefault(facet, {})[values[index]] = count
    return counts


def _key(value):
    return str(value).lower() if isinstance(value, bool) else value


def _domains() -> dict[str, list]:
    from listings.models import Category, Condition, TradeMode
    from marketplace.geography.models import Street

    return {
        "category": list(Category.objects.values_list("path", flat=True)),
        "condition": list(Condition.values),
        "trade_mode": list(TradeMode.values),
        "street": list(Street.objects.values_list("code", flat=True)),
        "appraised": [True, False],
        "has_photos": [True, False],
    }
