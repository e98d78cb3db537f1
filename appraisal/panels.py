"""What appraisal adds to listings' pages: the appraisal badge (or the seller's request button) and
the price hint from similar sales. Registered in `listings.extensions` from `AppraisalConfig.ready()`."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from listings.extensions import Panel

from .models import AppraisalCase, AppraisalReport
from .services import suggest_price

C = AppraisalCase.Status


def listing_panel(request, listing) -> Panel | None:
    """The latest valid report for everyone; the open case or a request button for the seller."""
    report = (
        AppraisalReport.objects.filter(case__listing=listing, revoked_at__isnull=True)
        .select_related("case")
        .order_by("-issued_at")
        .first()
    )
    is_seller = request.user.is_authenticated and listing.seller_id == request.user.pk
    if report is None and not is_seller:
        return None
    open_appraisal = (
        listing.appraisal_cases.exclude(status__in=[C.ISSUED, C.DECLINED, C.CANCELLED]).first()
        if is_seller
        else None
    )
    return Panel(
        "appraisal/listing_panel.html",
        {"appraisal_report": report, "open_appraisal": open_appraisal, "is_seller": is_seller},
    )


@dataclass(frozen=True)
class PriceHint:
    estimate: Decimal
    low: Decimal
    high: Decimal
    used: int
    source: str
    model_version: int | None = None
    mape: float | None = None  # the model's measured mean error on sales it had not seen, in %
    factors: tuple[str, ...] = ()  # the strongest factors, in the reader's words


def price_hint(listing) -> PriceHint | None:
    """What similar items sold for, when there are enough of them."""
    if listing is None or not listing.category_id or not listing.condition:
        return None
    attributes = listing.attributes or {}
    estimate = suggest_price(
        category=listing.category,
        condition=listing.condition,
        brand=str(attributes.get("brand", "")),
        model=str(attributes.get("model", "")),
        attributes=attributes,
    )
    if estimate is None:
        return None
    return PriceHint(
        estimate=estimate.estimate,
        low=estimate.low,
        high=estimate.high,
        used=estimate.used,
        source=str(_("similar items sold")),
        model_version=estimate.model_version,
        mape=round(100 * estimate.error["mape"], 1) if estimate.error else None,
        factors=tuple(factor["text"] for factor in estimate.factors[:3]),
    )
