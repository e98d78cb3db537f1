"""Backtests: train on the sales before a date, value the sales after it, measure per category and
per method (mean and median absolute percentage error, RMSE of log price, range coverage)."""

from __future__ import annotations

import math

import numpy as np

from .fitting import METHODS, errors
from .training import train


def split_by_time(records: list[dict], *, test_share: float = 0.2, until=None) -> tuple[list, list]:
    """Sales up to `until` (or the oldest 1 − test_share) to train on, the later ones to test."""
    ordered = sorted(records, key=lambda r: str(r.get("sold_at") or ""))
    if until is not None:
        cut = sum(1 for r in ordered if str(r.get("sold_at") or "") <= str(until))
    else:
        cut = int(len(ordered) * (1 - test_share))
    return ordered[:cut], ordered[cut:]


def measure(estimates, records: list[dict]) -> dict:
    """{category or "all": {method: error dict}} with coverage and rows without an estimate."""
    by_category: dict[str, list[int]] = {"all": list(range(len(records)))}
    for i, r in enumerate(records):
        by_category.setdefault(r.get("category", ""), []).append(i)
    actual = np.log([r["sold_price"] for r in records])
    figures = {
        "reconciled": [math.log(e.estimate) if e else math.nan for e in estimates],
        **{
            m: [math.log(e.methods[m]) if e and e.methods[m] else math.nan for e in estimates]
            for m in METHODS
        },
    }
    figures = {k: np.array(v, dtype=float) for k, v in figures.items()}
    low = np.array([math.log(e.low) if e else math.nan for e in estimates])
    high = np.array([math.log(e.high) if e else math.nan for e in estimates])
    out = {}
    for category, rows in by_category.items():
        rows = np.array(rows)
        result = {name: errors(values[rows], actual[rows]) for name, values in figures.items()}
        known = ~np.isnan(low[rows])
        inside = (actual[rows] >= low[rows]) & (actual[rows] <= high[rows])
        result["reconciled"]["coverage"] = round(float(inside[known].mean()), 4) if known.any() else None
        result["reconciled"]["without_estimate"] = int((~known).sum())
        out[category] = result
    return out


def backtest(records: list[dict], *, test_share: float = 0.2, until=None) -> tuple[dict, int, int]:
    """(measurements, sales trained on, sales tested)."""
    past, future = split_by_time(records, test_share=test_share, until=until)
    valuer = train(past)
    estimates = valuer.estimate(future, explain=False)
    return measure(estimates, future), len(past), len(future)


def table(measurements: dict) -> list[str]:
    """Printable lines: one per category and method."""
    lines = [f"{'category':<28}{'method':<12}{'n':>6}{'MAPE':>8}{'medAPE':>8}{'RMSElog':>9}{'cover80':>9}"]
    for category, methods in measurements.items():
        for method, e in methods.items():
            if not e.get("n"):
                continue
            coverage = e.get("coverage")
            lines.append(
                f"{category:<28}{method:<12}{e['n']:>6}{e['mape']:>8.1%}{e['median_ape']:>8.1%}"
                f"{e['rmse_log']:>9.3f}{'' if coverage is None else format(coverage, '.1%'):>9}"
            )
    return lines
