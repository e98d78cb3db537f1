"""Half-yearly reports to the market-supervision bureau: sellers' identity (Art. 28) and illegal-conduct
leads. Each is stored once per period and its making is written to the audit log."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.models import User
from orders.models import Order

from .. import audit
from ..errors import RegulationError
from ..models import BureauReport, Flag

# Orders that count as sales in the report.
SALE_STATUSES = [Order.Status.COMPLETED, Order.Status.RESOLVED]


def half_year(period: str) -> tuple[dt.date, dt.date]:
    """First and last day of a period written like 2026H1."""
    RegulationError.require(
        len(period) == 6 and period[:4].isdigit() and period[4:] in ("H1", "H2"),
        _("A period looks like 2026H1 or 2026H2."),
        "period",
    )
    year = int(period[:4])
    if period[4:] == "H1":
        return dt.date(year, 1, 1), dt.date(year, 6, 30)
    return dt.date(year, 7, 1), dt.date(year, 12, 31)


def identity_report(period: str) -> BureauReport:
    """E-Commerce Law Art. 28: sellers' identity, masked and pseudonymised, with their sales in the period;
    those above IDENTITY_REPORT_FLAG_AMOUNT over the past year are flagged."""
    start, end = half_year(period)
    sales = (
        Order.objects.filter(
            status__in=SALE_STATUSES, completed_at__date__gte=start, completed_at__date__lte=end
        )
        .values("seller")
        .annotate(total=Sum("price"))
    )
    year_start = end - dt.timedelta(days=365)
    yearly = dict(
        Order.objects.filter(
            status__in=SALE_STATUSES, completed_at__date__gt=year_start, completed_at__date__lte=end
        )
        .values_list("seller")
        .annotate(total=Sum("price"))
    )
    sellers = []
    users = User.objects.in_bulk([row["seller"] for row in sales])
    for row in sales:
        user = users[row["seller"]]
        identity = user.identity_verifications.order_by("-verified_at").first()
        year_total = yearly.get(user.pk, Decimal(0))
        sellers.append(
            {
                "seller": audit.pseudonym(user),
                "name": identity.real_name_masked if identity else None,
                "id_number": identity.id_number_masked if identity else None,
                "community": str(user.community) if user.community else None,
                "sales_in_period": str(Decimal(row["total"]).quantize(Decimal("0.01"))),
                "sales_past_year": str(Decimal(year_total).quantize(Decimal("0.01"))),
                "over_threshold": year_total > settings.IDENTITY_REPORT_FLAG_AMOUNT,
            }
        )
    payload = {
        "schema": "nankai.identity-report/1",
        "period": period,
        "from": start.isoformat(),
        "to": end.isoformat(),
        "threshold": str(settings.IDENTITY_REPORT_FLAG_AMOUNT),
        "sellers": sorted(sellers, key=lambda s: s["seller"]),
    }
    with transaction.atomic():
        report, _created = BureauReport.objects.update_or_create(
            kind=BureauReport.Kind.IDENTITY, period=period, defaults={"payload": payload}
        )
        audit.append(
            "report.identity",
            {
                "period": period,
                "sellers": len(sellers),
                "over_threshold": sum(s["over_threshold"] for s in sellers),
            },
        )
    return report


def leads_report(period: str) -> BureauReport:
    """网络交易合规数据报送: illegal-conduct leads (seller, goods, violation, records kept, measures)."""
    start, end = half_year(period)
    flags = (
        Flag.objects.filter(status=Flag.Status.CLOSED, decided_at__date__gte=start, decided_at__date__lte=end)
        .exclude(decision=Flag.Decision.NO_VIOLATION)
        .select_related("listing__seller")
    )
    leads = [
        {
            "lead": f"flag-{flag.pk}",
            "seller": audit.pseudonym(flag.listing.seller),
            "goods": {
                "title": flag.evidence.get("listing", {}).get("title"),
                "category": flag.evidence.get("listing", {}).get("category"),
                "photo_hashes": flag.evidence.get("listing", {}).get("photo_hashes"),
            },
            "violation": flag.flag_type,
            "records_kept": {"snapshot": True, "flag_events": flag.events.count()},
            "measures": flag.decision,
            "decided_at": flag.decided_at.isoformat(),
        }
        for flag in flags
    ]
    payload = {"schema": "nankai.leads-report/1", "period": period, "leads": leads}
    with transaction.atomic():
        report, _created = BureauReport.objects.update_or_create(
            kind=BureauReport.Kind.LEADS, period=period, defaults={"payload": payload}
        )
        audit.append("report.leads", {"period": period, "leads": len(leads)})
    return report


def due_half_yearly_reports(*, today: dt.date | None = None) -> list[str]:
    """In the first week of January and July, the reports for the half-year just ended, once each."""
    today = today or timezone.localdate()
    if today.month not in (1, 7) or today.day > 7:
        return []
    period = f"{today.year - 1}H2" if today.month == 1 else f"{today.year}H1"
    made = []
    for kind, build in (
        (BureauReport.Kind.IDENTITY, identity_report),
        (BureauReport.Kind.LEADS, leads_report),
    ):
        if not BureauReport.objects.filter(kind=kind, period=period).exists():
            build(period)
            made.append(f"{kind} {period}")
    return made
