"""The two explainable methods beside the fitted model, on log prices.

- market comparison: comparable sales of the same brand and model family; when both sides have a new
  price each comparable is adjusted to the subject's (P = P_ref × B/B_ref); median of at least three;
- cost: replacement cost new × 成新率, the newness rate C = k × (1 − Y/G) fitted from the sales
  (k: what a barely used item keeps, G: the useful life in months), × the condition's factor.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .. import valuation
from .features import family

MIN_COMPARABLES = valuation.MIN_COMPARABLES
DAYS_PER_MONTH = 30.44
AGE_BUCKETS = [(0, 6), (6, 12), (12, 24), (24, 36), (36, 60), (60, 10_000)]  # months


def key(record: dict) -> tuple[str, str]:
    return record.get("brand", ""), family(record.get("model", ""))


def loo_median(values: np.ndarray, index: int) -> float:
    """Median of the values without the one at `index` (values sorted)."""
    m = len(values) - 1
    rank = lambda j: values[j] if j < index else values[j + 1]  # noqa: E731
    return float(rank(m // 2)) if m % 2 else float((rank(m // 2 - 1) + rank(m // 2)) / 2)


@dataclass
class Market:
    """Per (brand, family): sorted log price/new-price ratios and sorted log prices of the sales."""

    ratios: dict = field(default_factory=dict)
    prices: dict = field(default_factory=dict)

    @classmethod
    def learn(cls, records: list[dict]) -> Market:
        ratios: dict = {}
        prices: dict = {}
        for r in records:
            k = key(r)
            prices.setdefault(k, []).append(math.log(r["sold_price"]))
            if r.get("new_price"):
                ratios.setdefault(k, []).append(math.log(r["sold_price"] / r["new_price"]))
        return cls(
            ratios={k: np.sort(v) for k, v in ratios.items()},
            prices={k: np.sort(v) for k, v in prices.items()},
        )

    def estimate(self, record: dict, *, leave_out: bool = False) -> tuple[float, int]:
        """(log price, comparables used), NaN when fewer than three; `leave_out` drops the record
        itself, for measuring the method on its own sales."""
        k = key(record)
        if record.get("new_price") and len(self.ratios.get(k, ())) - leave_out >= MIN_COMPARABLES:
            values, base = self.ratios[k], math.log(record["new_price"])
            own = math.log(record["sold_price"] / record["new_price"]) if leave_out else None
        elif len(self.prices.get(k, ())) - leave_out >= MIN_COMPARABLES:
            values, base = self.prices[k], 0.0
            own = math.log(record["sold_price"]) if leave_out else None
        else:
            return math.nan, 0
        if own is None:
            return base + float(np.median(values)), len(values)
        return base + loo_median(values, int(np.searchsorted(values, own))), len(values) - 1


@dataclass
class Depreciation:
    """C = k × max(floor, 1 − Y/G), fitted by least squares of price/new price on months in use."""

    initial: float = 0.6
    life_months: float = 60.0
    floor: float = 0.05
    curve: list = field(default_factory=list)  # [from, to, median ratio, sales] per age bucket
    sample_size: int = 0
    condition_mean: float = 1.0

    @classmethod
    def learn(cls, records: list[dict]) -> Depreciation:
        rows = [r for r in records if r.get("new_price")]
        if len(rows) < MIN_COMPARABLES:
            return cls(sample_size=len(rows))
        months = np.array([r["age_days"] / DAYS_PER_MONTH for r in rows])
        ratio = np.array([r["sold_price"] / r["new_price"] for r in rows])
        slope, intercept = np.polyfit(months, ratio, 1) if np.ptp(months) > 0 else (0.0, ratio.mean())
        initial = float(np.clip(intercept, 0.05, 1.5))
        life = float(np.clip(initial / -slope, 12, 600)) if slope < 0 else 600.0
        curve = []
        for low, high in AGE_BUCKETS:
            inside = ratio[(months >= low) & (months < high)]
            if len(inside):
                curve.append([low, high, round(float(np.median(inside)), 4), int(len(inside))])
        known = [valuation.CONDITION_FACTORS[r["condition"]] for r in rows if r.get("condition")]
        mean = float(np.mean([float(k) for k in known])) if known else 1.0
        return cls(initial, life, 0.05, curve, len(rows), mean)

    def newness(self, months: float, condition: str = "") -> float:
        rate = self.initial * max(self.floor, 1 - months / self.life_months)
        if condition:
            rate *= float(valuation.CONDITION_FACTORS[condition]) / self.condition_mean
        return rate

    def estimate(self, record: dict) -> float:
        """Log price by the cost method; NaN without a new price."""
        if not record.get("new_price"):
            return math.nan
        months = record["age_days"] / DAYS_PER_MONTH
        return math.log(record["new_price"] * self.newness(months, record.get("condition") or ""))
