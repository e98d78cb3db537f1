import csv
import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from marketplace.core.spreadsheets import safe_row
from marketplace.geography.models import Street

from .. import carbon
from ..permissions import (
    can_view_district_dashboard,
    can_view_street_report,
    dashboard_streets,
    reportable_streets,
)
from ..report_charts import PDF_FONT, report_charts, street_charts
from .common import _staff_event


def event_report(request, pk: int):
    event = _staff_event(request, pk)
    report = carbon.event_impact(event)
    fmt = request.GET.get("format")
    if fmt == "csv":
        return _csv(report, items=event.pledges.select_related("category").order_by("tag_number", "pk"))
    if fmt == "pdf":
        return _pdf(report)
    context = {"report": report, "event": event, "charts": report_charts(report)}
    return render(request, "community_events/report.html", context)


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
    context = {"report": report, "street": street, "charts": report_charts(report)}
    return render(request, "community_events/report.html", context)


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
                _factor_note(line),
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
    writer.writerow([_("Registered"), report.people.registered, "", "", "", "", ""])
    writer.writerow([_("On the waiting list"), report.people.waitlisted, "", "", "", "", ""])
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


def _factor_note(line) -> str:
    if line.version is None:
        return _("No sourced factor for this category: counted, not converted.")
    return _("Version %(version)s: %(source)s") % {"version": line.version, "source": line.factor}


def _pdf(report) -> HttpResponse:
    import weasyprint

    context = {
        "report": report,
        "charts": report_charts(report, font_family=PDF_FONT),
        "language": get_language(),
    }
    html = render_to_string("community_events/report_pdf.html", context)
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
    overview = carbon.district_overview(start, end, streets=dashboard_streets(user), title=_("District"))
    context = {
        "overview": overview,
        "report": overview.total,
        "charts": report_charts(overview.total),
        "street_charts": street_charts(overview),
        "start": start,
        "end": end,
        "streets": reportable_streets(user),
    }
    return render(request, "community_events/dashboard.html", context)
