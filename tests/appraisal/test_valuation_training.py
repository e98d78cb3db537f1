"""Training, storing and using the valuation model: commands, the periodic retrain, the report and
the price suggestion."""

import csv
import hashlib
import io
from decimal import Decimal as D

import pytest
from django.core.management import CommandError, call_command

from appraisal import reports, services
from appraisal.models import Comparable, DepreciationFit, ValuationModel
from appraisal.services import valuing
from marketplace.core.registry import periodic_tasks
from tests.appraisal.factories import inspected_case
from tests.appraisal.pricing_data import csv_text, sales
from tests.listings.factories import category

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(tmp_path):
    rows = sales(400, seed=11)
    path = tmp_path / "sales.csv"
    path.write_text(csv_text(rows[:320], sold=True), encoding="utf-8")
    items = tmp_path / "items.csv"
    items.write_text(csv_text(rows[320:], sold=False), encoding="utf-8")
    return str(path), str(items), rows[320:]


def test_import_with_blank_conditions_trains_and_estimate_values_names_the_model(history, tmp_path):
    sold, items, truth = history
    out = io.StringIO()
    call_command("import_comparables", sold, stdout=out)
    assert "Imported 320 comparables" in out.getvalue() and "Trained valuation model v1" in out.getvalue()
    sale = Comparable.objects.filter(condition="").first()
    assert set(sale.attributes) == {"storage", "5g"}  # extra columns are kept as attributes

    target = tmp_path / "out.csv"
    call_command("estimate_values", items, str(target), stdout=io.StringIO())
    with open(target, encoding="utf-8") as handle:
        result = list(csv.DictReader(handle))
    assert len(result) == len(truth) and all(r["estimate"] for r in result)
    assert {r["model_version"] for r in result} == {"1"}
    assert all(D(r["low"]) <= D(r["estimate"]) <= D(r["high"]) for r in result)
    assert any("存储容量" in r["factors"] for r in result)
    assert sum(r["condition"] == "" for r in result) > 0


def test_train_valuation_stores_a_version_with_its_checksum_error_and_depreciation(history):
    call_command("import_comparables", history[0], "--no-train", stdout=io.StringIO())
    assert not ValuationModel.objects.exists()
    out = io.StringIO()
    call_command("train_valuation", stdout=out)
    call_command("train_valuation", stdout=io.StringIO())
    assert list(ValuationModel.objects.values_list("version", flat=True)) == [2, 1]
    model = ValuationModel.objects.get(version=2)
    phones = model.metrics["electronics/phones"]
    assert phones["sales"] == 320 and 0 < phones["reconciled"]["mape"] < 0.2
    assert "MAPE" in out.getvalue() and "80% range held" in out.getvalue()
    fit = DepreciationFit.objects.get(model=model, category="electronics/phones")
    assert fit.sample_size == 320 and fit.fitted_at == model.trained_at and fit.curve
    # Someone able to write the row swaps the model and writes its plain SHA-256 beside it: without the
    # site's secret key the signature cannot match, nothing is unpickled, the explainable methods answer.
    forged = bytes(model.blob)[:-1] + b"x"
    ValuationModel.objects.filter(pk=model.pk).update(blob=forged, sha256=hashlib.sha256(forged).hexdigest())
    valuing._loaded.clear()
    assert valuing.current_model() == (None, None)


def test_too_few_sales_train_nothing(db):
    with pytest.raises(CommandError, match="Too few"):
        call_command("train_valuation", stdout=io.StringIO())


def test_the_periodic_retrain_waits_for_enough_new_sales(history):
    assert periodic_tasks["appraisal.tasks.retrain_valuation"]
    from appraisal.tasks import retrain_valuation

    call_command("import_comparables", history[0], "--no-train", stdout=io.StringIO())
    assert retrain_valuation.call() == 1
    assert retrain_valuation.call() is None  # nothing new
    Comparable.objects.bulk_create(Comparable(**{**c, "pk": None}) for c in Comparable.objects.values()[:50])
    assert valuing.retrain_if_due(threshold=100) is None
    assert valuing.retrain_if_due(threshold=50).version == 2


def test_the_report_names_the_model_its_error_and_the_strongest_factors(history, certified, phone_listing):
    call_command("import_comparables", history[0], stdout=io.StringIO())
    case = services.grade_case(inspected_case(phone_listing, certified), actor=certified.user)
    case = services.value_case(
        case,
        actor=certified.user,
        replacement_cost=D("5000"),
        used_months=10,
        life_months=48,
        condition="",
        brand="Apple",
    )
    record = case.valuation
    assert record["model"]["version"] == 1 and 0 < record["model"]["error"]["mape"] < 0.2
    assert len(record["model"]["factors"]) == 3
    assert any("v1" in line and "%" in line for line in record["explanation"])
    assert record["weights"] != {"market": "0.6", "cost": "0.4"}
    assert case.estimate_low < case.estimate < case.estimate_high
    report = services.issue_report(case, actor=certified.user)
    assert report.payload["valuation"]["model"]["version"] == 1
    printed = reports.report_html(report.payload, signature="", key_id="", fingerprint="")
    assert "估价模型</th><td>v1（手机数码 / 手机）" in printed and "80% 区间覆盖率" in printed
    assert record["model"]["factors"][0]["text"] in printed


def test_the_price_suggestion_names_the_model_version_and_its_measured_error(history):
    call_command("import_comparables", history[0], stdout=io.StringIO())
    suggestion = services.suggest_price(
        category=category("phones"),
        condition="",
        brand="小米",
        attributes={"storage": "256", "5g": "yes"},
        new_price=D("3000"),
    )
    assert suggestion.model_version == 1
    assert 0 < suggestion.error["mape"] < 0.2 and suggestion.error["coverage"] > 0.7
    assert len(suggestion.factors) == 3 and all(f["text"] for f in suggestion.factors)
    assert suggestion.low < suggestion.estimate < suggestion.high


def test_backtest_reads_a_csv_and_prints_each_method(history):
    out = io.StringIO()
    call_command("backtest_valuation", history[0], stdout=out)
    text = out.getvalue()
    assert "Trained on 256 sales, tested on the 64 sold after them" in text
    for method in ("reconciled", "model", "market", "cost"):
        assert f"all                         {method}" in text


def test_the_seller_sees_the_models_version_error_and_factors_beside_the_price(client, history, seller):
    from django.urls import reverse

    from tests.listings.factories import ListingFactory

    call_command("import_comparables", history[0], stdout=io.StringIO())
    listing = ListingFactory(
        seller=seller,
        category=category("phones"),
        condition="90",
        attributes={"brand": "小米", "storage": "256", "5g": "yes", "imei": "490154203237518"},
    )
    client.force_login(seller)
    page = client.get(reverse("listings:edit", args=[listing.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    text = page.content.decode()
    assert "估价模型 v1" in text
    assert "主要因素" in text
