"""Valuing a case (fitted model, market and cost methods, reconciled), second review, comparable
sales, training the valuation model, and the price hint sellers see."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from listings.models import Category, Listing

from .. import valuation
from ..errors import AppraisalError
from ..models import AppraisalCase, Appraiser, Comparable, DepreciationFit, ValuationModel
from ..permissions import conflict_of_interest
from ..pricing import training
from ..pricing.csvrows import record as as_record
from ..pricing.wording import reconcile_fitted
from .cases import require_appraiser
from .transitions import move

C = AppraisalCase.Status
# What the market method assumes when a sold listing does not say when it was bought.
DEFAULT_AGE_DAYS = 365
# New sales since the model in use that make it worth training again (settings may override).
logger = logging.getLogger(__name__)
_loaded: dict[tuple[int, str], training.Valuer] = {}


def current_model() -> tuple[ValuationModel | None, training.Valuer | None]:
    """The newest trained model, unpickled once per process and only if its signature matches. A model
    that cannot be loaded (tampered, or from another library version) is logged and not used: the
    explainable methods value items until the next training."""
    row = ValuationModel.objects.defer("blob").first()
    if row is None:
        return None, None
    key = (row.version, row.sha256)
    if key not in _loaded:
        blob = ValuationModel.objects.values_list("blob", flat=True).get(pk=row.pk)
        _loaded.clear()
        try:
            _loaded[key] = training.loads(blob, row.sha256)
        except Exception:
            logger.exception(
                "valuation model v%s cannot be loaded; using the market and cost methods", row.version
            )
            return None, None
    return row, _loaded[key]


def train_valuation(*, now: dt.datetime | None = None) -> ValuationModel | None:
    """Fit a new version on every comparable sale; None when there are too few sales to fit."""
    now = now or timezone.now()
    sales = list(Comparable.objects.order_by("pk"))
    valuer = training.train([as_record(c) for c in sales], now=now)
    if not valuer.groups:
        return None
    blob, sha256 = training.dumps(valuer)
    with transaction.atomic():
        last = ValuationModel.objects.select_for_update().order_by("-version").first()
        row = ValuationModel.objects.create(
            version=(last.version + 1) if last else 1,
            trained_at=now,
            sample_size=len(sales),
            last_comparable=sales[-1].pk,
            sales_until=str(valuer.sales_until)[:10],
            metrics=valuer.summary(),
            blob=blob,
            sha256=sha256,
        )
        DepreciationFit.objects.bulk_create(
            DepreciationFit(
                model=row,
                category=path,
                life_months=Decimal(str(round(g.depreciation.life_months, 1))),
                initial_ratio=Decimal(str(round(g.depreciation.initial, 4))),
                curve=g.depreciation.curve,
                sample_size=g.depreciation.sample_size,
                fitted_at=now,
            )
            for path, g in valuer.groups.items()
        )
    return row


def retrain_if_due(*, threshold: int | None = None) -> ValuationModel | None:
    """Train again once enough new sales arrived since the model in use (or none is trained yet)."""
    threshold = threshold or settings.VALUATION_RETRAIN_AFTER
    last = ValuationModel.objects.defer("blob").first()
    new_sales = Comparable.objects.filter(pk__gt=last.last_comparable if last else 0).count()
    if new_sales >= (threshold if last else training.MIN_SALES):
        return train_valuation()
    return None


def record_sale(listing: Listing, *, price: Decimal | None, sold_at: dt.datetime) -> Comparable | None:
    """Keep a sale on the platform as a comparable for the market method; sales without a price
    (swaps, give-aways, settled disputes) say nothing about prices and are skipped."""
    if not price or price <= 0:
        return None
    attributes = listing.attributes or {}
    year = str(attributes.get("purchase_year") or "")
    sold_on = timezone.localdate(sold_at) if timezone.is_aware(sold_at) else sold_at.date()
    age_days = max(0, (sold_on.year - int(year)) * 365) if year.isdigit() else DEFAULT_AGE_DAYS
    return Comparable.objects.create(
        source=Comparable.Source.PLATFORM,
        category=listing.category.path,
        brand=str(attributes.get("brand", ""))[:60],
        model=str(attributes.get("model", ""))[:100],
        age_days=age_days,
        condition=listing.condition,
        sold_price=price,
        sold_at=sold_on,
    )


def comparables_for(case: AppraisalCase, brand: str, model: str) -> list[valuation.Comparable]:
    """Sold items like this one, imported or sold on the platform, the most recent first."""
    found = Comparable.objects.filter(category=case.category.path)
    if brand:
        found = found.filter(brand=brand)
    if model:
        found = found.filter(model=model)
    return [
        valuation.Comparable(c.sold_price, c.condition, c.age_days // 30)
        for c in found.order_by("-sold_at", "-pk")[:1000]
    ]


def value_case(
    case: AppraisalCase,
    *,
    actor,
    replacement_cost: Decimal,
    used_months: int,
    life_months: int,
    condition: str,
    brand: str = "",
    model: str = "",
    mileage_km: int | None = None,
    rated_km: int | None = None,
    factors: dict | None = None,
    liquidation_discount: Decimal | None = None,
) -> AppraisalCase:
    """Value by market comparison and by cost (age, mileage or combined 成新率), then reconcile.
    At APPRAISAL_REVIEW_THRESHOLD or above the case goes to a second appraiser."""
    require_appraiser(case, actor)
    if mileage_km is not None and rated_km:
        newness, newness_method = valuation.newness_by_mileage(mileage_km, rated_km), "mileage"
    elif factors:
        newness = valuation.newness_combined(
            used_months, life_months, factor=valuation.combined_factor(factors)
        )
        newness_method = "combined"
    else:
        newness, newness_method = valuation.newness_by_age(used_months, life_months), "age"
    cost = valuation.cost_value(replacement_cost, newness)
    market = valuation.market_value(
        comparables_for(case, brand, model), condition=condition, age_months=used_months
    )
    liquidation = valuation.liquidation_value(cost, liquidation_discount) if liquidation_discount else None
    attributes = (case.listing.attributes or {}) if case.listing_id else {}
    item = {
        "category": case.category.path,
        "brand": brand or str(attributes.get("brand", "")),
        "model": model or str(attributes.get("model", "")),
        "attributes": attributes,
        "new_price": float(replacement_cost) or None,
        "age_days": used_months * 30,
        "condition": condition,
    }
    row, valuer = current_model()
    fitted = valuer.estimate([item])[0] if valuer else None
    with translation.override(settings.LANGUAGE_CODE):  # reports speak the site's first language
        if fitted is not None:
            group = valuer.groups[fitted.group]
            result = reconcile_fitted(
                fitted,
                version=row.version,
                error={"sales": group.sample_size, **group.metrics},
                liquidation=liquidation,
                life_months=group.depreciation.life_months,
            )
        else:
            result = valuation.reconcile(market=market, cost=cost, liquidation=liquidation)
    record = {
        "methods": {k: str(v) for k, v in result.methods.items()},
        "weights": {k: str(v) for k, v in result.weights.items()},
        "newness": {"method": newness_method, "rate": str(newness.quantize(Decimal("0.0001")))},
        "inputs": {
            "replacement_cost": str(replacement_cost),
            "used_months": used_months,
            "life_months": life_months,
            "mileage_km": mileage_km,
            "rated_km": rated_km,
        },
        "explanation": result.explanation,
    }
    if fitted is not None:
        record["model"] = {
            "version": row.version,
            "category": fitted.group or "*",
            "error": group.metrics["reconciled"],
            "factors": fitted.factors,
        }
    needs_review = result.estimate >= settings.APPRAISAL_REVIEW_THRESHOLD
    with transaction.atomic():
        return move(
            case,
            C.IN_REVIEW if needs_review else C.VALUED,
            actor=actor,
            valuation=record,
            estimate=result.estimate,
            estimate_low=result.low,
            estimate_high=result.high,
            reviewer=None,
        )


def review_case(case: AppraisalCase, *, reviewer: Appraiser, approve: bool, note: str) -> AppraisalCase:
    """A second appraiser checks a high-value case: never the first appraiser or a conflicted one."""
    AppraisalError.require(
        reviewer.pk != case.appraiser_id,
        _("The second review needs a different appraiser."),
        "same_appraiser",
    )
    AppraisalError.require(
        reviewer.is_active() and reviewer.covers_case(case),
        _("The reviewer must hold an active certificate for this category."),
        "speciality",
    )
    AppraisalError.require(
        not conflict_of_interest(reviewer, case), _("Conflict of interest for the reviewer."), "conflict"
    )
    with transaction.atomic():
        if approve:
            return move(
                case,
                C.VALUED,
                actor=reviewer.user,
                reason=note[:1000],
                expect={C.IN_REVIEW},
                reviewer=reviewer,
                review_note=note[:1000],
            )
        return move(
            case,
            C.ASSIGNED,
            actor=reviewer.user,
            reason=note[:1000],
            expect={C.IN_REVIEW},
            review_note=note[:1000],
        )


@dataclass(frozen=True)
class PriceSuggestion:
    estimate: Decimal
    low: Decimal
    high: Decimal
    used: int  # comparable sales of the same brand and model
    model_version: int | None = None
    error: dict = field(default_factory=dict)  # measured error of the model in use: mape, coverage …
    factors: list = field(default_factory=list)  # the three strongest factors, with Chinese text


def suggest_price(
    *,
    category: Category,
    condition: str,
    brand: str = "",
    model: str = "",
    age_months: int = 12,
    attributes: dict | None = None,
    new_price: Decimal | None = None,
) -> PriceSuggestion | None:
    """The fitted model when one covers the category (naming its version and measured error), else the
    market method over sold items. None when neither has anything to go on."""
    row, valuer = current_model()
    item = {
        "category": category.path,
        "brand": brand,
        "model": model,
        "attributes": attributes or {},
        "new_price": float(new_price) if new_price else None,
        "age_days": age_months * 30,
        "condition": condition,
    }
    fitted = valuer.estimate([item])[0] if valuer else None
    if fitted is not None:
        error = valuer.groups[fitted.group].metrics["reconciled"]
        found = (fitted.estimate, fitted.low, fitted.high, fitted.comparables)
        return PriceSuggestion(*found, model_version=row.version, error=error, factors=fitted.factors)
    comparables = comparables_for(AppraisalCase(category=category), brand, model)
    result = valuation.market_value(comparables, condition=condition, age_months=age_months)
    if not isinstance(result, valuation.MarketEstimate):
        return None
    return PriceSuggestion(result.estimate, result.low, result.high, result.used)
