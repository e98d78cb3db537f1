"""The fitted valuation on sales whose price law differs from the engine's assumptions (no database)."""

import statistics

import numpy as np
import pytest

from appraisal.pricing import training
from appraisal.pricing.backtest import backtest
from tests.appraisal.pricing_data import sales


@pytest.fixture(scope="module")
def trained():
    history = sales(900, seed=7)
    return training.train(history[:700]), history[:700], history[700:]


def ape(estimate, actual):
    return abs(float(estimate) - actual) / actual


def test_the_fitted_model_beats_a_flat_share_of_the_new_price(trained):
    valuer, past, future = trained
    k = statistics.median(r["sold_price"] / r["new_price"] for r in past)
    flat = statistics.mean(ape(k * r["new_price"], r["sold_price"]) for r in future)
    estimates = valuer.estimate(future, explain=False)
    fitted = statistics.mean(ape(e.estimate, r["sold_price"]) for e, r in zip(estimates, future, strict=True))
    assert fitted < 0.5 * flat  # brand, storage and age effects are learnt, not assumed
    assert fitted < 0.12


def test_the_80_percent_range_holds_about_80_percent_of_new_sales(trained):
    valuer, _, future = trained
    estimates = valuer.estimate(future, explain=False)
    inside = np.mean([e.low <= r["sold_price"] <= e.high for e, r in zip(estimates, future, strict=True)])
    assert 0.72 <= inside <= 0.88
    assert valuer.groups["electronics/phones"].metrics["reconciled"]["coverage"] == pytest.approx(
        0.8, abs=0.03
    )


def test_weights_come_from_measured_error_and_the_weak_methods_weigh_less(trained):
    valuer, _, _ = trained
    group = valuer.groups["electronics/phones"]
    weights = dict(zip(("model", "market", "cost"), group.weights, strict=True))
    assert sum(weights.values()) == pytest.approx(1, abs=1e-3)
    assert weights["model"] > max(weights["market"], weights["cost"])
    assert group.metrics["model"]["mape"] < group.metrics["market"]["mape"]
    assert group.metrics["model"]["mape"] < group.metrics["cost"]["mape"]


def test_depreciation_is_fitted_from_the_sales(trained):
    valuer, past, _ = trained
    fit = valuer.groups["electronics/phones"].depreciation
    assert fit.sample_size == len(past)
    assert 12 <= fit.life_months <= 120  # prices fall by 42 % a year in this market, not over 48 months
    ratios = [row[2] for row in fit.curve]
    assert ratios == sorted(ratios, reverse=True)  # the older, the less kept


def test_an_unknown_condition_and_an_unknown_category_still_get_an_estimate(trained):
    valuer, _, future = trained
    item = {**future[0], "condition": "", "category": "electronics/tablets"}
    [estimate] = valuer.estimate([item])
    assert estimate is not None and estimate.low < estimate.estimate < estimate.high
    assert estimate.group == "electronics/phones"  # the closest category with a model (parent fallback)


def test_the_three_strongest_factors_are_named_in_chinese(trained):
    valuer, _, _ = trained
    item = {
        "category": "electronics/phones",
        "brand": "Apple",
        "model": "",
        "attributes": {"storage": 512, "5g": "yes"},
        "new_price": 5000.0,
        "age_days": 1300,
        "condition": "",
    }
    [estimate] = valuer.estimate([item])
    assert len(estimate.factors) == 3
    labels = {f["label"]: f for f in estimate.factors}
    assert {"使用时长", "存储容量"} <= set(labels) or {"使用时长", "品牌"} <= set(labels)
    assert labels["使用时长"]["effect"] < 0 and labels["使用时长"]["text"].startswith("使用时长 1300天：-")


def test_a_stored_model_is_refused_when_its_bytes_were_changed(trained):
    valuer, _, future = trained
    data, sha256 = training.dumps(valuer)
    again = training.loads(data, sha256)
    assert (
        again.estimate(future[:3], explain=False)[0].estimate
        == valuer.estimate(future[:3], explain=False)[0].estimate
    )
    with pytest.raises(ValueError, match="checksum"):
        training.loads(data[:-1] + bytes([data[-1] ^ 1]), sha256)


def test_a_time_ordered_backtest_measures_every_method():
    measurements, trained_on, tested = backtest(sales(400, seed=3), test_share=0.25)
    assert (trained_on, tested) == (300, 100)
    everything = measurements["all"]
    assert set(everything) == {"reconciled", "model", "market", "cost"}
    assert everything["reconciled"]["without_estimate"] == 0
    assert everything["reconciled"]["mape"] < everything["cost"]["mape"]
    assert 0.6 <= everything["reconciled"]["coverage"] <= 0.95
