"""Valuing a case (market and cost methods, reconciled), second review, comparable sales, and the
price hint sellers see."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from listings.models import Category, Listing

from .. import valuation
from ..errors import AppraisalError
from ..models import AppraisalCase, Appraiser, Comparable
from ..permissions import conflict_of_interest
from .cases import require_appraiser
from .transitions import move

C = AppraisalCase.Status
# What the market method assumes when a sold listing does not say when it was bought.
DEFAULT_AGE_DAYS = 365


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
    with translation.override(settings.LANGUAGE_CODE):  # reports speak the site's first language
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


def suggest_price(
    *, category: Category, condition: str, brand: str = "", model: str = "", age_months: int = 12
) -> valuation.MarketEstimate | None:
    """Market method over sold items, for sellers pricing a listing. None when too few comparables."""
    probe = AppraisalCase(category=category)
    result = valuation.market_value(
        comparables_for(probe, brand, model), condition=condition, age_months=age_months
    )
    return result if isinstance(result, valuation.MarketEstimate) else None
