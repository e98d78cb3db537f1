"""A trained valuation: one fitted group per category with enough sales, each parent category
pooling everything under it, and the root pooling all sales; items use the closest group."""

from __future__ import annotations

import datetime as dt
import io
import math
from dataclasses import dataclass, field
from decimal import Decimal

import joblib
import numpy as np
from django.utils.crypto import constant_time_compare, salted_hmac
from threadpoolctl import threadpool_limits

from .. import valuation
from .explain import factors
from .fitting import METHODS, MIN_SALES, GroupModel, fit_group


def prefixes(path: str) -> list[str]:
    """ "electronics/phones" → ["electronics/phones", "electronics", ""]."""
    parts = [p for p in (path or "").split("/") if p]
    return ["/".join(parts[:i]) for i in range(len(parts), -1, -1)]


@dataclass
class Estimate:
    estimate: Decimal
    low: Decimal
    high: Decimal
    methods: dict  # method → Decimal or None
    weights: dict  # method → weight used for this item
    group: str
    comparables: int
    factors: list = field(default_factory=list)


@dataclass
class Valuer:
    groups: dict[str, GroupModel] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # a parent with exactly a child's sales
    trained_at: str = ""
    sample_size: int = 0
    sales_until: str = ""

    def group_for(self, category: str) -> GroupModel | None:
        for prefix in prefixes(category):
            prefix = self.aliases.get(prefix, prefix)
            if prefix in self.groups:
                return self.groups[prefix]
        return None

    def summary(self) -> dict:
        """What the reports and the price hint quote: each group's measured error and coverage."""
        return {
            path or "*": {
                "sales": g.sample_size,
                "weights": dict(zip(METHODS, g.weights, strict=True)),
                "interval_log": [round(g.interval[0], 4), round(g.interval[1], 4)],
                **g.metrics,
            }
            for path, g in self.groups.items()
        }

    def estimate(self, records: list[dict], *, explain: bool = True) -> list[Estimate | None]:
        """An estimate per record (None where no group covers its category)."""
        with threadpool_limits(limits=1, user_api="openmp"):  # see train()
            return self._estimate(records, explain=explain)

    def _estimate(self, records: list[dict], *, explain: bool) -> list[Estimate | None]:
        out: list[Estimate | None] = [None] * len(records)
        by_group: dict[str, list[int]] = {}
        for i, r in enumerate(records):
            group = self.group_for(r.get("category", ""))
            if group is not None:
                by_group.setdefault(group.path, []).append(i)
        for path, indexes in by_group.items():
            group = self.groups[path]
            chosen = [records[i] for i in indexes]
            estimate, low, high, columns = group.predict(chosen)
            reasons = factors(group, chosen) if explain else [[] for _ in chosen]
            for k, i in enumerate(indexes):
                present = ~np.isnan(columns[k])
                total = sum(w for w, p in zip(group.weights, present, strict=True) if p) or 1.0
                out[i] = Estimate(
                    estimate=valuation.money(Decimal(math.exp(estimate[k]))),
                    low=valuation.money(Decimal(math.exp(low[k]))),
                    high=valuation.money(Decimal(math.exp(high[k]))),
                    methods={
                        m: valuation.money(Decimal(math.exp(columns[k, j]))) if present[j] else None
                        for j, m in enumerate(METHODS)
                    },
                    weights={
                        m: round(w / total, 4) if present[j] else 0.0
                        for j, (m, w) in enumerate(zip(METHODS, group.weights, strict=True))
                    },
                    group=path,
                    comparables=group.market.estimate(chosen[k])[1],
                    factors=reasons[k],
                )
        return out


def train(records: list[dict], *, now: dt.datetime | None = None) -> Valuer:
    """Fit every category (and parent) with at least MIN_SALES sales."""
    members: dict[str, list[int]] = {}
    for i, r in enumerate(records):
        for prefix in prefixes(r.get("category", "")):
            members.setdefault(prefix, []).append(i)
    valuer = Valuer(
        trained_at=(now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds"),
        sample_size=len(records),
        sales_until=max((str(r.get("sold_at", "")) for r in records), default=""),
    )
    with threadpool_limits(limits=1, user_api="openmp"):
        _fit_groups(valuer, records, members)
    return valuer


def _fit_groups(valuer: Valuer, records: list[dict], members: dict[str, list[int]]) -> None:
    """One thread: these fits are small, and OpenMP threads fighting over shared cores made them
    several times slower than one thread alone."""
    seen: dict[tuple, str] = {}
    for path in sorted(members, key=lambda p: -p.count("/") - bool(p)):  # children before parents
        rows = members[path]
        if len(rows) < MIN_SALES:
            continue
        same = seen.get((len(rows), rows[0], rows[-1]))
        if same is not None:
            valuer.aliases[path] = same
            continue
        seen[(len(rows), rows[0], rows[-1])] = path
        valuer.groups[path] = fit_group(path, [records[i] for i in rows])


def _signature(data: bytes) -> str:
    # Keyed by SECRET_KEY, which is not in the database: whoever can rewrite the model's row cannot
    # also write a signature that passes, so a row never becomes code run by the workers.
    return salted_hmac("appraisal.valuation-model", data, algorithm="sha256").hexdigest()


def dumps(valuer: Valuer) -> tuple[bytes, str]:
    """The stored form (joblib, compressed) and its HMAC-SHA256, checked before every load."""
    buffer = io.BytesIO()
    joblib.dump(valuer, buffer, compress=3)
    data = buffer.getvalue()
    return data, _signature(data)


def loads(data: bytes, signature: str) -> Valuer:
    """Unpickling runs code: only bytes whose signature matches, made with this site's secret key."""
    if not constant_time_compare(_signature(bytes(data)), signature):
        raise ValueError("stored valuation model does not match its checksum")
    return joblib.load(io.BytesIO(bytes(data)))
