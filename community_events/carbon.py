"""The impact report: participants, items exchanged by category, kg diverted from waste and kg CO2e
avoided, with the method and each factor's version and source (碳普惠).

Avoided emissions of one reused item = production emissions of a new one × replacement rate −
delivery and packaging (zero for walk-in swaps). The low and high figures use the factor's
replacement-rate range, so the report shows how sensitive the result is.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils import timezone

from .models import EmissionFactor, PledgedItem, Registration, SwapEventPage

EXCHANGED = [PledgedItem.Outcome.SWAPPED, PledgedItem.Outcome.GIVEN]
HOLDING = [Registration.Status.CONFIRMED, Registration.Status.OFFERED]
Q2 = Decimal("0.01")


@dataclass
class People:
    """People (group sizes counted) who hold a place, came through the door, or were left waiting."""

    registered: int = 0
    checked_in: int = 0
    waitlisted: int = 0

    def __add__(self, other: People) -> People:
        return People(
            self.registered + other.registered,
            self.checked_in + other.checked_in,
            self.waitlisted + other.waitlisted,
        )


@dataclass
class CategoryLine:
    category: str
    label: str
    items: int
    kg_diverted: Decimal
    co2e: Decimal | None
    co2e_low: Decimal | None
    co2e_high: Decimal | None
    factor: str  # the factor's cited source; empty when the category has no sourced factor
    version: int | None = None


@dataclass
class ImpactReport:
    title: str
    start: dt.date
    end: dt.date
    events: int
    people: People = field(default_factory=People)
    lines: list[CategoryLine] = field(default_factory=list)

    @property
    def participants(self) -> int:
        return self.people.checked_in

    @property
    def items_exchanged(self) -> int:
        return sum(line.items for line in self.lines)

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


@dataclass
class DistrictOverview:
    """The whole district's report and one per street that held events."""

    total: ImpactReport
    streets: list[ImpactReport]


@dataclass
class _Tally:
    events: int = 0
    people: People = field(default_factory=People)
    items: Counter = field(default_factory=Counter)  # top-level category path → items exchanged


def _tally(events: list[SwapEventPage], *, by) -> dict:
    """People and exchanged items of `events`, grouped by `by(event)`: two queries for any number."""
    group_of = {event.pk: by(event) for event in events}
    tallies: dict = {}
    for event in events:
        tallies.setdefault(group_of[event.pk], _Tally()).events += 1
    rows = (
        Registration.objects.filter(event__in=list(group_of))
        .values("event")
        .annotate(
            registered=Sum("party_size", filter=Q(status__in=HOLDING)),
            checked_in=Sum("party_size", filter=Q(checked_in_at__isnull=False)),
            waitlisted=Sum("party_size", filter=Q(status=Registration.Status.WAITLISTED)),
        )
        .order_by()
    )
    for row in rows:
        tally = tallies[group_of[row["event"]]]
        tally.people += People(row["registered"] or 0, row["checked_in"] or 0, row["waitlisted"] or 0)
    items = (
        PledgedItem.objects.filter(event__in=list(group_of), outcome__in=EXCHANGED)
        .values("event", "category__path")
        .annotate(n=Sum("quantity"))
        .order_by()
    )
    for row in items:
        tallies[group_of[row["event"]]].items[row["category__path"].split("/")[0]] += row["n"]
    return tallies


def _factors(tops, on: dt.date) -> dict[int, EmissionFactor]:
    """Each category's newest factor valid on `on`, in one query."""
    found: dict[int, EmissionFactor] = {}
    for factor in EmissionFactor.objects.filter(category__in=tops, valid_from__lte=on).order_by(
        "category_id", "-version"
    ):
        found.setdefault(factor.category_id, factor)
    return found


def _reports(titled: dict, tallies: dict, start: dt.date, end: dt.date) -> dict:
    """One report per group of `titled` (group → title), sharing one lookup of categories and factors."""
    from listings.models import Category

    paths = set().union(*(t.items for t in tallies.values())) if tallies else set()
    tops = {c.path: c for c in Category.objects.filter(path__in=paths)} if paths else {}
    factors = _factors(list(tops.values()), end) if tops else {}
    reports = {}
    for group, title in titled.items():
        tally = tallies.get(group, _Tally())
        report = ImpactReport(title=title, start=start, end=end, events=tally.events, people=tally.people)
        for path, n in sorted(tally.items.items()):
            report.lines.append(_line(tops[path], n, factors.get(tops[path].pk)))
        reports[group] = report
    return reports


def _line(category, n: int, factor: EmissionFactor | None) -> CategoryLine:
    if factor is None:
        # Counted, not converted: no sourced factor for this category.
        return CategoryLine(category.path, category.label, n, Decimal(0), None, None, None, "")
    per_item = factor.kg_co2e_new
    return CategoryLine(
        category=category.path,
        label=category.label,
        items=n,
        kg_diverted=(factor.kg_weight * n).quantize(Q2),
        co2e=((per_item * factor.replacement_rate - factor.delivery_kg_co2e) * n).quantize(Q2),
        co2e_low=((per_item * factor.replacement_low - factor.delivery_kg_co2e) * n).quantize(Q2),
        co2e_high=((per_item * factor.replacement_high - factor.delivery_kg_co2e) * n).quantize(Q2),
        factor=factor.source,
        version=factor.version,
    )


def event_impact(event: SwapEventPage) -> ImpactReport:
    day = timezone.localtime(event.starts_at).date()
    return _reports({event.pk: event.title}, _tally([event], by=lambda e: e.pk), day, day)[event.pk]


def _held(start: dt.date, end: dt.date, streets) -> list[SwapEventPage]:
    # Drafts and withdrawn pages happened nowhere: only published events count.
    return list(
        SwapEventPage.objects.live()
        .filter(street__in=streets, starts_at__date__gte=start, starts_at__date__lte=end)
        .select_related("street")
    )


def street_impact(street, start: dt.date, end: dt.date) -> ImpactReport:
    events = _held(start, end, [street])
    return _reports({street.pk: street.name}, _tally(events, by=lambda e: e.street_id), start, end)[street.pk]


def district_overview(start: dt.date, end: dt.date, *, streets=None, title: str = "") -> DistrictOverview:
    """The district and each of its streets (of `streets`, every street if None) that held events."""
    from marketplace.geography.models import Street

    events = _held(start, end, streets if streets is not None else Street.objects.all())
    by_street = _tally(events, by=lambda e: e.street_id)
    whole = _Tally()
    for tally in by_street.values():
        whole.events += tally.events
        whole.people += tally.people
        whole.items.update(tally.items)
    names = {e.street_id: (e.street.code, e.street.name) for e in events}
    titled = {pk: name for pk, (_code, name) in sorted(names.items(), key=lambda kv: kv[1])}
    reports = _reports({**titled, None: title}, {**by_street, None: whole}, start, end)
    return DistrictOverview(total=reports.pop(None), streets=list(reports.values()))
