"""Fitting the price model of one group of sales (a category with everything under it).

The model is scikit-learn's HistGradientBoostingRegressor on log(price / new price) (log price over a
brand baseline when the new price is unknown): it handles missing values and categories itself, needs
no scaling and learns non-linear effects (storage, brand, age) the fixed formulas cannot.
Every sale is predicted by a model that did not see it (K-fold), and those out-of-sample errors give
1. each method's measured error, 2. the reconciliation weights (least squares, non-negative, summing
to one), 3. a bias correction that minimises the relative error, 4. the 80 % range (split-conformal
quantiles of the log residuals). The final model is then refitted on all the sales.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import nnls
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.model_selection import KFold

from .features import Schema
from .methods import Depreciation, Market

METHODS = ("model", "market", "cost")
COVERAGE = 0.8
MIN_SALES = 30  # fewer sales than this in a group: no model of its own (its parent's is used)
SEED = 15
MIN_SCALE = 0.02


def scaler(categorical: list[int]) -> HistGradientBoostingRegressor:
    return HistGradientBoostingRegressor(
        learning_rate=0.05, max_iter=100, max_leaf_nodes=6, min_samples_leaf=30,
        categorical_features=categorical or None, random_state=SEED,
    )  # fmt: skip


def booster(n: int, categorical: list[int]) -> HistGradientBoostingRegressor:
    """Shallow trees, slow learning, large leaves and 60 % of the features per split: the sales are
    noisy (settings chosen on dev splits of a public used-phone table, benchmarks/valuation_real.py)."""
    big = n > 3000  # plenty of sales: fewer, larger steps keep training 10,000 sales under a minute
    return HistGradientBoostingRegressor(
        learning_rate=0.06 if big else 0.03,
        max_iter=200 if big else 400,
        max_leaf_nodes=8,
        min_samples_leaf=max(3, min(30, n // 20)),
        l2_regularization=1.0,
        max_features=0.6,
        categorical_features=categorical or None,
        random_state=SEED,
    )


def errors(log_estimate: np.ndarray, log_actual: np.ndarray) -> dict:
    ok = ~np.isnan(log_estimate)
    if not ok.any():
        return {"n": 0}
    ape = np.abs(np.expm1(log_estimate[ok] - log_actual[ok]))
    return {
        "n": int(ok.sum()),
        "mape": round(float(ape.mean()), 4),
        "median_ape": round(float(np.median(ape)), 4),
        "rmse_log": round(float(np.sqrt(np.mean((log_estimate[ok] - log_actual[ok]) ** 2))), 4),
    }


def stack_weights(columns: np.ndarray, actual: np.ndarray) -> np.ndarray:
    """Non-negative weights summing to one that minimise the squared log error where all methods
    gave a figure; the model alone when there are too few such sales."""
    complete = ~np.isnan(columns).any(axis=1)
    weights = np.zeros(columns.shape[1])
    weights[0] = 1.0
    if complete.sum() >= MIN_SALES:
        big = 1e3  # the sum-to-one constraint as a heavily weighted extra equation
        a = np.vstack([columns[complete], np.full(columns.shape[1], big)])
        b = np.append(actual[complete], big)
        solved, _ = nnls(a, b)
        if solved.sum() > 0:
            weights = solved / solved.sum()
    return weights


def combine(columns: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Weighted mean of the figures each row has (weights of missing methods dropped)."""
    present = ~np.isnan(columns)
    w = np.where(present, weights, 0.0)
    total = w.sum(axis=1)
    fallback = np.where(present[:, 0], columns[:, 0], np.nanmean(np.where(present, columns, np.nan), axis=1))
    mixed = np.nansum(np.where(present, columns, 0.0) * w, axis=1) / np.where(total > 0, total, 1)
    return np.where(total > 0, mixed, fallback)


@dataclass
class GroupModel:
    path: str
    schema: Schema
    booster: HistGradientBoostingRegressor
    market: Market
    depreciation: Depreciation
    brand_base: dict
    base: float
    weights: list = field(default_factory=list)
    scale: HistGradientBoostingRegressor | None = None  # expected |log error| of an item
    shift: float = 0.0  # in units of that scale
    interval: tuple = (0.0, 0.0)  # likewise
    metrics: dict = field(default_factory=dict)
    sample_size: int = 0
    reference: np.ndarray | None = None  # a typical sale's features, for explanations

    def baseline(self, records: list[dict]) -> np.ndarray:
        return np.array(
            [
                math.log(r["new_price"])
                if r.get("new_price")
                else self.brand_base.get(r.get("brand", ""), self.base)
                for r in records
            ]
        )

    def figures(self, records: list[dict], matrix: np.ndarray | None = None) -> np.ndarray:
        """Log price by each method: columns model, market, cost (NaN where a method has nothing)."""
        matrix = self.schema.matrix(records) if matrix is None else matrix
        model = self.booster.predict(matrix) + self.baseline(records)
        market = np.array([self.market.estimate(r)[0] for r in records])
        cost = np.array([self.depreciation.estimate(r) for r in records])
        return np.column_stack([model, market, cost])

    def predict(self, records: list[dict]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(log estimate, log low, log high, per-method log figures)."""
        matrix = self.schema.matrix(records)
        columns = self.figures(records, matrix)
        spread = np.maximum(self.scale.predict(matrix), MIN_SCALE)
        estimate = combine(columns, np.array(self.weights)) + self.shift * spread
        return estimate, estimate + self.interval[0] * spread, estimate + self.interval[1] * spread, columns


def brand_baselines(records: list[dict]) -> tuple[dict, float]:
    logs: dict = {}
    for r in records:
        logs.setdefault(r.get("brand", ""), []).append(math.log(r["sold_price"]))
    everything = [v for values in logs.values() for v in values]
    return {b: float(np.median(v)) for b, v in logs.items() if len(v) >= 5}, float(np.median(everything))


def fit_group(path: str, records: list[dict]) -> GroupModel:
    n = len(records)
    schema = Schema.learn(records)
    matrix = schema.matrix(records)
    actual = np.log([r["sold_price"] for r in records])
    brand_base, base = brand_baselines(records)
    group = GroupModel(
        path=path,
        schema=schema,
        booster=booster(n, schema.categorical),
        market=Market.learn(records),
        depreciation=Depreciation.learn(records),
        brand_base=brand_base,
        base=base,
        sample_size=n,
    )
    baseline = group.baseline(records)
    target = actual - baseline
    out_of_sample = np.empty(n)
    folds = KFold(n_splits=5 if n <= 3000 else 3, shuffle=True, random_state=SEED)
    for fit_rows, held_rows in folds.split(matrix):
        fold = booster(len(fit_rows), schema.categorical).fit(matrix[fit_rows], target[fit_rows])
        out_of_sample[held_rows] = fold.predict(matrix[held_rows]) + baseline[held_rows]
    market = np.array([group.market.estimate(r, leave_out=True)[0] for r in records])
    cost = np.array([group.depreciation.estimate(r) for r in records])
    columns = np.column_stack([out_of_sample, market, cost])
    weights = stack_weights(columns, actual)
    reconciled = combine(columns, weights)
    # How far off each item is likely to be (larger for rare, cheap or old items): it sets both the
    # bias correction that minimises the relative error and the width of the range (normalised
    # split-conformal: quantiles of the error divided by this scale).
    miss = np.abs(actual - reconciled)
    spread = np.empty(n)
    for fit_rows, held_rows in folds.split(matrix):
        fold = scaler(schema.categorical).fit(matrix[fit_rows], miss[fit_rows])
        spread[held_rows] = fold.predict(matrix[held_rows])
    spread = np.maximum(spread, MIN_SCALE)
    shifts = np.arange(-1.5, 0.5001, 0.05)
    losses = [np.mean(np.abs(np.expm1(reconciled + c * spread - actual))) for c in shifts]
    group.shift = float(shifts[int(np.argmin(losses))])
    estimate = reconciled + group.shift * spread
    z = np.sort((actual - estimate) / spread)
    tail = (1 - COVERAGE) / 2
    low = z[max(0, math.floor(tail * (n + 1)) - 1)]
    high = z[min(n - 1, math.ceil((1 - tail) * (n + 1)) - 1)]
    group.interval = (float(low), float(high))
    group.weights = [round(float(w), 4) for w in weights]
    inside = (actual >= estimate + low * spread) & (actual <= estimate + high * spread)
    group.scale = scaler(schema.categorical).fit(matrix, miss)
    group.metrics = {
        "reconciled": {**errors(estimate, actual), "coverage": round(float(inside.mean()), 4)},
        **{name: errors(columns[:, i], actual) for i, name in enumerate(METHODS)},
    }
    group.booster.fit(matrix, target)
    group.reference = typical(matrix, schema.categorical)
    return group


def typical(matrix: np.ndarray, categorical: list[int]) -> np.ndarray:
    """Median of each numeric column, most frequent value of each categorical one (NaN if none)."""
    out = np.full(matrix.shape[1], np.nan)
    for j in range(matrix.shape[1]):
        values = matrix[:, j][~np.isnan(matrix[:, j])]
        if len(values) == 0:
            continue
        if j in categorical:
            codes, counts = np.unique(values, return_counts=True)
            out[j] = codes[np.argmax(counts)]
        else:
            out[j] = np.median(values)
    return out
