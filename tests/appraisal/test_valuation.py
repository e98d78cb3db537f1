from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from appraisal.valuation import (
    Comparable,
    MarketEstimate,
    NotEnoughComparables,
    combined_factor,
    cost_value,
    liquidation_value,
    market_value,
    newness_by_age,
    newness_by_mileage,
    newness_combined,
    reconcile,
)


def test_the_brief_worked_example_for_the_combined_method():
    # Y = 60, G = 180, K = 0.9 → C = 0.60; B = ¥150,000 → P = ¥90,000.
    newness = newness_combined(60, 180, factor=D("0.9"))
    assert newness.quantize(D("0.01")) == D("0.60")
    assert cost_value(D("150000"), newness) == D("90000.00")


def test_the_combined_factor_uses_the_documented_weights():
    k = combined_factor(
        {
            "technical": D("0.9"),
            "maintenance": D("0.9"),
            "build_quality": D("0.9"),
            "usage": D("0.9"),
            "conditions": D("0.9"),
        }
    )
    assert k == D("0.900")
    k = combined_factor(
        {
            "technical": D("1.0"),
            "maintenance": D("0.8"),
            "build_quality": D("0.6"),
            "usage": D("1.0"),
            "conditions": D("0.7"),
        }
    )
    assert k == D("0.30") + D("0.200") + D("0.120") + D("0.150") + D("0.070")
    with pytest.raises(ValueError):
        combined_factor(
            {
                "technical": D("0.5"),
                "maintenance": D("0.9"),
                "build_quality": D("0.9"),
                "usage": D("0.9"),
                "conditions": D("0.9"),
            }
        )


def test_age_and_mileage_methods():
    assert newness_by_age(60, 180) == D(1) - D(60) / D(180)
    assert newness_by_age(200, 180) == D(0)  # never below zero
    assert newness_by_mileage(150_000, 600_000) == D("0.75")
    with pytest.raises(ValueError):
        newness_by_age(1, 0)


def test_liquidation_is_a_discount():
    assert liquidation_value(D("90000"), D("0.7")) == D("63000.00")


def comps(*prices, condition="90", age=12):
    return [Comparable(sold_price=D(p), condition=condition, age_months=age) for p in prices]


def test_market_method_takes_the_median_of_adjusted_comparables():
    result = market_value(comps(1000, 1100, 900, 1200, 800), condition="90", age_months=12)
    assert isinstance(result, MarketEstimate)
    assert result.estimate == D("1000.00")
    assert (result.low, result.high) == (D("900.00"), D("1100.00"))


def test_market_method_adjusts_for_condition_and_age():
    # Comparables were 90% new; the subject is like new and a year younger: worth more.
    result = market_value(
        comps(880, 880, 880), condition="like_new", age_months=0, yearly_depreciation=D("0.2")
    )
    assert result.estimate == D("1200.00")  # 880 / 0.88 × (1 + 0.2)


def test_market_method_says_when_there_are_not_enough_comparables():
    assert market_value(comps(1000, 1100), condition="90", age_months=12) == NotEnoughComparables(found=2)


def test_reconciliation_weighs_both_methods_and_explains_itself():
    market = market_value(comps(1000, 1100, 900), condition="90", age_months=12)
    valuation = reconcile(market=market, cost=D("800"), liquidation=D("600"))
    assert valuation.estimate == D("920.00")  # 0.6 × 1000 + 0.4 × 800
    assert valuation.low == D("800.00") and valuation.high == D("1050.00")
    assert valuation.methods == {"market": D("1000.00"), "cost": D("800.00"), "liquidation": D("600.00")}
    assert any("60%" in line for line in valuation.explanation)
    assert valuation.explanation[-1].endswith("¥920.00.") or valuation.explanation[-1].endswith("¥920.00。")


def test_reconciliation_with_one_method_says_so():
    valuation = reconcile(market=NotEnoughComparables(found=1), cost=D("90000"))
    assert valuation.estimate == D("90000.00")
    assert "1" in valuation.explanation[0] and "3" in valuation.explanation[0]
    with pytest.raises(ValueError):
        reconcile(market=NotEnoughComparables(found=0), cost=None)


@given(st.integers(min_value=0, max_value=400), st.integers(min_value=1, max_value=400))
def test_newness_stays_between_zero_and_one(used, life):
    assert D(0) <= newness_by_age(used, life) <= D(1)
