import csv
import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.spreadsheets import safe_row
from marketplace.geography.models import Street

from .. import carbon
from ..models import Registration, SwapEventPage
from ..permissions import (
    can_view_district_dashboard,
    can_view_street_report,
    dashboard_streets,
    reportable_streets,
)
from .common import _staff_event


def event_report(request, pk: int):
    event = _staff_event(request, pk)
    report = carbon.event_impact(event)
    fmt = request.GET.get("format")
    if fmt == "csv":
        return _csv(report, items=event.pledges.select_related("category").order_by("tag_number", "pk"))
    if fmt == "pdf":
        return _pdf(report)
    return render(request, "community_events/report.html", {"report": report, "event": event})


def street_report(request, code: str):
    street = get_object_or_404(Street, code=code)
    if not can_view_street_report(request.user, street):
        raise PermissionDenied
    today = timezone.localdate()
    try:
        start = (
            dt.date.fromisoformat(request.GET.get("start", ""))
            if request.GET.get("start")
            else today.replace(month=1, day=1)
        )
        end = dt.date.fromisoformat(request.GET.get("end", "")) if request.GET.get("end") else today
    except ValueError:
        start, end = today.replace(month=1, day=1), today
    report = carbon.street_impact(street, start, end)
    fmt = request.GET.get("format")
    if fmt == "csv":
        return _csv(report)
    if fmt == "pdf":
        return _pdf(report)
    return render(request, "community_events/report.html", {"report": report, "street": street})


class _SafeWriter:
    """A CSV writer whose every cell goes through `safe_cell`: a pledged item's title typed by a resident
    ("=HYPERLINK(…)") is shown as text, never run as a formula."""

    def __init__(self, response):
        self._writer = csv.writer(response)

    def writerow(self, row) -> None:
        self._writer.writerow(safe_row(row))


def _csv(report, items=None) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="impact-{report.start}-{report.end}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the Chinese correctly
    writer = _SafeWriter(response)
    writer.writerow(
        [
            _("Category"),
            _("Items"),
            _("kg diverted"),
            _("kg CO2e avoided"),
            _("kg CO2e (low)"),
            _("kg CO2e (high)"),
            _("Emission factor"),
        ]
    )
    for line in report.lines:
        writer.writerow(
            [
                line.label,
                line.items,
                line.kg_diverted,
                line.co2e or "",
                line.co2e_low or "",
                line.co2e_high or "",
                line.factor,
            ]
        )
    writer.writerow(
        [
            _("Total"),
            report.items_exchanged,
            report.kg_diverted,
            report.co2e,
            report.co2e_low,
            report.co2e_high,
            "",
        ]
    )
    writer.writerow([_("Participants"), report.participants, "", "", "", "", ""])
    if items is not None:
        # The desk's record of the event: what was brought and what became of it (no owners' names).
        writer.writerow([])
        writer.writerow(
            [_("Tag"), _("Item"), _("Category"), _("Quantity"), _("Quick grade"), _("Tokens"), _("Outcome")]
        )
        for item in items:
            writer.writerow(
                [
                    item.tag_number or "",
                    item.title,
                    item.category.label,
                    item.quantity,
                    item.get_quick_grade_display() if item.quick_grade else "",
                    item.token_value if item.token_value is not None else "",
                    item.get_outcome_display(),
                ]
            )
    return response


def _pdf(report) -> HttpResponse:
    import weasyprint

    html = render_to_string("community_events/report_pdf.html", {"report": report})
    response = HttpResponse(weasyprint.HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="impact-{report.start}-{report.end}.pdf"'
    return response


def dashboard(request):
    """District overview for platform staff, regulators and street offices, with charts drawn as SVG.

    Each sees their own district (platform staff every street) and links to the street reports they
    may open: a regulator every street of their office's district, a street office its own street.
    """
    user = request.user
    if not can_view_district_dashboard(user):
        raise PermissionDenied if user.is_authenticated else Http404
    end = timezone.localdate()
    start = end - dt.timedelta(days=365)
    streets = dashboard_streets(user)
    rows = carbon.district_overview(start, end, streets=streets)
    top = max([float(r.co2e) for r in rows] + [1.0])
    bars = [
        {"label": r.title, "co2e": r.co2e, "items": r.items_exchanged, "width": float(r.co2e) / top * 100}
        for r in rows
    ]
    totals = {
        "events": SwapEventPage.objects.live()
        .filter(starts_at__date__gte=start, starts_at__date__lte=end, street__in=streets)
        .count(),
        "participants": Registration.objects.filter(
            checked_in_at__date__gte=start,
            event__starts_at__date__lte=end,
            event__live=True,
            event__street__in=streets,
        ).aggregate(n=Sum("party_size"))["n"]
        or 0,
        "co2e": sum((r.co2e for r in rows), 0),
        "items": sum(r.items_exchanged for r in rows),
    }
    return render(
        request,
        "community_events/dashboard.html",
        {"bars": bars, "totals": totals, "start": start, "end": end, "streets": reportable_streets(user)},
    )
