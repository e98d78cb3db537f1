"""The charts of an impact report (an event, a street, the district): people, items by category, kg kept
out of waste and CO2e avoided with its sensitivity range, as inline SVG for the page and the PDF."""

from __future__ import annotations

from django.utils.translation import gettext as _

from marketplace.core.charts import Bar, Chart, bar_chart, range_chart

from .carbon import DistrictOverview, ImpactReport

# The PDFs set their text in this font; the charts' glyphs must come from the same one.
PDF_FONT = "Noto Sans CJK SC"


def _chart(draw, bars, *, key: str, title: str, font_family: str | None, **options) -> Chart:
    return Chart(title, draw(bars, key=key, title=title, font_family=font_family, **options))


def report_charts(report: ImpactReport, *, font_family: str | None = None) -> list[Chart]:
    """Charts of one report: who came, what changed hands by category, and its weight and emissions."""
    people = report.people
    converted = [line for line in report.lines if line.co2e is not None]
    return [
        _chart(
            bar_chart,
            [
                Bar(_("Registered"), people.registered),
                Bar(_("Checked in"), people.checked_in),
                Bar(_("On the waiting list"), people.waitlisted),
            ],
            key="chart-people",
            title=_("Participants (people)"),
            font_family=font_family,
        ),
        _chart(
            bar_chart,
            [Bar(line.label, line.items) for line in report.lines],
            key="chart-items",
            title=_("Items exchanged by category"),
            font_family=font_family,
        ),
        _chart(
            bar_chart,
            [Bar(line.label, line.kg_diverted) for line in converted],
            key="chart-kg",
            title=_("Kept out of waste by category (kg)"),
            decimals=2,
            font_family=font_family,
        ),
        _chart(
            range_chart,
            [Bar(line.label, line.co2e, line.co2e_low, line.co2e_high) for line in converted],
            key="chart-co2e",
            title=_("Emissions avoided by category (kg CO2e, with the low–high range)"),
            font_family=font_family,
        ),
    ]


def street_charts(overview: DistrictOverview) -> list[Chart]:
    """Emissions and people per street of the district."""
    return [
        _chart(
            range_chart,
            [Bar(r.title, r.co2e, r.co2e_low, r.co2e_high) for r in overview.streets],
            key="chart-streets-co2e",
            title=_("Emissions avoided by street (kg CO2e, with the low–high range)"),
            font_family=None,
        ),
        _chart(
            bar_chart,
            [Bar(r.title, r.people.checked_in) for r in overview.streets],
            key="chart-streets-people",
            title=_("Participants checked in by street"),
            font_family=None,
        ),
    ]
