"""The impact report: participants, items exchanged by category, kg diverted from waste and kg CO2e
avoided, with the method and each factor's version and source (碳普惠).

Avoided emissions of one reused item = production emissions of a new one × replacement rate −
delivery and packaging (zero for walk-in swaps). The low and high figures use the factor's
replacement-rate range, so the report shows how sensitive the result is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from .models import EmissionFactor, PledgedItem, Registration, SwapEventPage

EXCHANGED = [PledgedItem.Outcome.SWAPPED, PledgedItem.Outcome.GIVEN]
Q2 = Decimal("0.01")


@dataclass
class CategoryLine:
    category: str
    label: str
    items: int
    kg_diverted: Decimal
    co2e: Decimal | None
    co2e_low: Decimal | None
    co2e_high: Decimal | None
    factor: str  # "v1: <source>" or why there is none


@dataclass
class ImpactReport:
    title: str
    start: dt.date
    end: dt.date
    events: int
    participants: int
    items_exchanged: int
    lines: list[CategoryLine] = field(default_factory=list)

    @property
    def kg_diverted(self) -> Decimal:
        return sum((line.kg_diverted for line in self.lines), Decimal(0))

    def _total(self, name: str) -> Decimal:
        return sum((getattr(line, name) or Decimal(0) for line in self.lines), Decimal(0)).quantize(Q2)

    @property
    def co2e(self) -> Decimal:
        return self._total("co2e")

    @property
    def co2e_low(self) -> Decimal:
        return self._total("co2e_low")

    @property
    def co2e_high(self) -> Decimal:
        return self._total("co2e_high")


def factor_for(category, on: dt.date) -> EmissionFactor | None:
    return EmissionFactor.objects.filter(category=category, valid_from__lte=on).order_by("-version").first()


def _impact(title: str, events: list[SwapEventPage], start: dt.date, end: dt.date) -> ImpactReport:
    from listings.models import Category

    participants = (
        Registration.objects.filter(event__in=events, checked_in_at__isnull=False).aggregate(
            n=Sum("party_size")
        )["n"]
        or 0
    )
    items = PledgedItem.objects.filter(event__in=events, outcome__in=EXCHANGED).select_related("category")
    counts: dict[str, int] = {}
    for item in items:
        top = item.category.path.split("/")[0]
        counts[top] = counts.get(top, 0) + item.quantity
    report = ImpactReport(
        title=title,
        start=start,
        end=end,
        events=len(events),
        participants=participants,
        items_exchanged=sum(counts.values()),
    )
    tops = {c.path: c for c in Category.objects.filter(path__in=counts)}
    for path, n in sorted(counts.items()):
        factor = factor_for(tops[path], end)
        if factor is None:
            report.lines.append(
                CategoryLine(
                    path,
                    tops[path].label,
                    n,
                    Decimal(0),
                    None,
                    None,
                    None,
                    str(_("No sourced factor for this category: counted, not converted.")),
                )
            )
            continue
        per_item = factor.kg_co2e_new
        report.lines.append(
            CategoryLine(
                category=path,
                label=tops[path].label,
                items=n,
                kg_diverted=(factor.kg_weight * n).quantize(Q2),
                co2e=((per_item * factor.replacement_rate - factor.delivery_kg_co2e) * n).quantize(Q2),
                co2e_low=((per_item * factor.replacement_low - factor.delivery_kg_co2e) * n).quantize(Q2),
                co2e_high=((per_item * factor.replacement_high - factor.delivery_kg_co2e) * n).quantize(Q2),
                factor=f"v{factor.version}: {factor.source}",
            )
        )
    return report


def event_impact(event: SwapEventPage) -> ImpactReport:
    day = event.starts_at.date()
    return _impact(event.title, [event], day, day)


def street_impact(street, start: dt.date, end: dt.date) -> ImpactReport:
    events = list(
        # Drafts and withdrawn pages happened nowhere: only published events count.
        SwapEventPage.objects.live().filter(
            street=street, starts_at__date__gte=start, starts_at__date__lte=end
        )
    )
    return _impact(street.name, events, start, end)


def district_overview(start: dt.date, end: dt.date, *, streets=None):
    """Per street (of `streets`, every street if None): events, items exchanged and CO2e avoided."""
    from marketplace.geography.models import Street

    rows = []
    for street in (
        (streets if streets is not None else Street.objects.all())
        .filter(Q(events__starts_at__date__gte=start, events__starts_at__date__lte=end, events__live=True))
        .distinct()
    ):
        report = street_impact(street, start, end)
        rows.append(report)
    return rows
