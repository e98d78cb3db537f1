"""The valuation engine: pure functions, no database (资产评估法 Art. 26 asks for two methods or more).

Explanations are translated text, so reports read in the site's first language.

Methods:
- fitted model (appraisal.pricing): learnt from the sales, with a measured error and an 80 % range;
- market comparison: comparable sold items adjusted for condition and age; median with an
  interval; "not enough comparables" when there are too few to say anything;
- cost: replacement cost new × 成新率, with 成新率 by the age method (1 − Y/G), the mileage method
  (1 − S/Sg) or the combined method ((1 − Y/G) × Σ wᵢKᵢ);
- liquidation: a value × a discount rate, for a quick sale.
Reconciliation weighs the methods (by their measured error once a model is trained, 60/40 market/cost
before) and says in words how the figure was reached. A blank condition means unknown: no adjustment.
Money is Decimal throughout, rounded to the fen only at the end.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

FEN = Decimal("0.01")
ZERO, ONE = Decimal("0"), Decimal("1")

# How much of a like-new item's value each condition keeps, for adjusting comparables to the subject.
CONDITION_FACTORS: dict[str, Decimal] = {
    "like_new": Decimal("1.00"),
    "99": Decimal("0.97"),
    "95": Decimal("0.93"),
    "90": Decimal("0.88"),
    "80": Decimal("0.78"),
    "70": Decimal("0.65"),
}
# Weights of the combined method's factors (asset-appraisal practice; data, not law).
COMBINED_WEIGHTS: dict[str, Decimal] = {
    "technical": Decimal("0.30"),  # 技术状况
    "maintenance": Decimal("0.25"),  # 维护保养
    "build_quality": Decimal("0.20"),  # 制造质量
    "usage": Decimal("0.15"),  # 工作性质
    "conditions": Decimal("0.10"),  # 工作条件
}
MIN_COMPARABLES = 3


def condition_factor(condition: str) -> Decimal:
    """How much of a like-new item's value the condition keeps; 1 when the condition is unknown."""
    return CONDITION_FACTORS[condition] if condition else ONE


def money(value: Decimal) -> Decimal:
    return Decimal(value).quantize(FEN, rounding=ROUND_HALF_UP)


def _clamp(value: Decimal) -> Decimal:
    return max(ZERO, min(ONE, value))


# --- 成新率 (newness rate) -------------------------------------------------------------------------


def newness_by_age(used_months: Decimal | int, life_months: Decimal | int) -> Decimal:
    """使用年限法: C = 1 − Y/G."""
    if Decimal(life_months) <= 0:
        raise ValueError("useful life must be positive")
    return _clamp(ONE - Decimal(used_months) / Decimal(life_months))


def newness_by_mileage(km: Decimal | int, life_km: Decimal | int) -> Decimal:
    """行驶里程法: C = 1 − S/Sg."""
    if Decimal(life_km) <= 0:
        raise ValueError("rated mileage must be positive")
    return _clamp(ONE - Decimal(km) / Decimal(life_km))


def combined_factor(factors: dict[str, Decimal], weights: dict[str, Decimal] | None = None) -> Decimal:
    """K = Σ wᵢKᵢ, each Kᵢ between 0.6 and 1.0."""
    weights = weights or COMBINED_WEIGHTS
    if set(factors) != set(weights):
        raise ValueError(f"factors must be exactly {sorted(weights)}")
    for name, value in factors.items():
        if not Decimal("0.6") <= Decimal(value) <= ONE:
            raise ValueError(f"factor {name} must lie between 0.6 and 1.0")
    return sum((weights[name] * Decimal(value) for name, value in factors.items()), ZERO)


def newness_combined(used_months, life_months, *, factor: Decimal) -> Decimal:
    """综合分析法: C = (1 − Y/G) × K."""
    return _clamp(newness_by_age(used_months, life_months) * Decimal(factor))


def cost_value(replacement_cost: Decimal, newness: Decimal) -> Decimal:
    """重置成本法: P = B × C."""
    return money(Decimal(replacement_cost) * Decimal(newness))


def liquidation_value(value: Decimal, discount: Decimal) -> Decimal:
    """清算价格法: P = value × discount rate."""
    return money(Decimal(value) * Decimal(discount))


# --- Market comparison -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Comparable:
    sold_price: Decimal
    condition: str
    age_months: int


@dataclass(frozen=True)
class MarketEstimate:
    estimate: Decimal
    low: Decimal
    high: Decimal
    used: int
    adjusted: tuple[Decimal, ...]


@dataclass(frozen=True)
class NotEnoughComparables:
    found: int
    needed: int = MIN_COMPARABLES


def adjust_comparable(
    comp: Comparable, *, condition: str, age_months: int, yearly_depreciation: Decimal
) -> Decimal:
    """P = P_ref × K: K corrects for the subject's condition and its age difference."""
    known = condition and comp.condition in CONDITION_FACTORS
    k_condition = CONDITION_FACTORS[condition] / CONDITION_FACTORS[comp.condition] if known else ONE
    years_older = Decimal(age_months - comp.age_months) / Decimal(12)
    k_age = max(Decimal("0.1"), ONE - Decimal(yearly_depreciation) * years_older)
    return Decimal(comp.sold_price) * k_condition * k_age


def market_value(
    comparables: list[Comparable],
    *,
    condition: str,
    age_months: int,
    yearly_depreciation: Decimal = Decimal("0.15"),
) -> MarketEstimate | NotEnoughComparables:
    """Median of adjusted comparable prices; the interval is the middle half (quartiles)."""
    if len(comparables) < MIN_COMPARABLES:
        return NotEnoughComparables(found=len(comparables))
    adjusted = sorted(
        adjust_comparable(
            c, condition=condition, age_months=age_months, yearly_depreciation=yearly_depreciation
        )
        for c in comparables
    )
    quartiles = statistics.quantiles(adjusted, n=4, method="inclusive")
    return MarketEstimate(
        estimate=money(statistics.median(adjusted)),
        low=money(quartiles[0]),
        high=money(quartiles[2]),
        used=len(adjusted),
        adjusted=tuple(money(a) for a in adjusted),
    )


# --- Reconciliation -------------------------------------------------------------------------------


@dataclass
class Valuation:
    estimate: Decimal
    low: Decimal
    high: Decimal
    methods: dict[str, Decimal] = field(default_factory=dict)
    weights: dict[str, Decimal] = field(default_factory=dict)
    explanation: list[str] = field(default_factory=list)


def reconcile(
    *,
    market: MarketEstimate | NotEnoughComparables | None,
    cost: Decimal | None,
    liquidation: Decimal | None = None,
    market_weight: Decimal = Decimal("0.6"),
) -> Valuation:
    """Weigh market and cost; with only one method, use it and say so. The range spans the methods'
    figures and the market interval."""
    methods: dict[str, Decimal] = {}
    explanation: list[str] = []
    has_market = isinstance(market, MarketEstimate)
    if has_market:
        methods["market"] = market.estimate
        explanation.append(
            _(
                "Market comparison: median of %(n)s comparable sales adjusted for condition and age, "
                "¥%(estimate)s (middle half ¥%(low)s–¥%(high)s)."
            )
            % {"n": market.used, "estimate": market.estimate, "low": market.low, "high": market.high}
        )
    elif isinstance(market, NotEnoughComparables):
        explanation.append(
            _("Market comparison not possible: %(found)s comparable sales found, %(needed)s needed.")
            % {"found": market.found, "needed": market.needed}
        )
    if cost is not None:
        methods["cost"] = money(cost)
        explanation.append(
            _("Cost method: replacement cost new × newness rate = ¥%(cost)s.") % {"cost": money(cost)}
        )
    if liquidation is not None:
        methods["liquidation"] = money(liquidation)
        explanation.append(
            _("Liquidation value for a quick sale: ¥%(value)s (not weighed in).")
            % {"value": money(liquidation)}
        )
    if not (has_market or cost is not None):
        raise ValueError("at least one of the market and cost methods must give a figure")
    if has_market and cost is not None:
        weights = {"market": market_weight, "cost": ONE - market_weight}
        estimate = money(market.estimate * weights["market"] + Decimal(cost) * weights["cost"])
        explanation.append(
            _("Reconciled: %(market)s%% market, %(cost)s%% cost = ¥%(estimate)s.")
            % {
                "market": int(market_weight * 100),
                "cost": int((ONE - market_weight) * 100),
                "estimate": estimate,
            }
        )
    elif has_market:
        weights, estimate = {"market": ONE}, market.estimate
        explanation.append(_("Only the market method applies; its figure is the estimate."))
    else:
        weights, estimate = {"cost": ONE}, money(cost)
        explanation.append(_("Only the cost method applies; its figure is the estimate."))
    figures = [methods[name] for name in weights]
    if has_market:
        figures += [market.low, market.high]
    return Valuation(
        estimate=estimate,
        low=min(figures),
        high=max(figures),
        methods=methods,
        weights=weights,
        explanation=explanation,
    )
