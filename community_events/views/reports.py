import csv
import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone

from marketplace.accounts.permissions import is_platform_staff, is_regulator, is_street_staff
from marketplace.geography.models import Street

from .. import carbon
from ..models import Registration, SwapEventPage
from .common import _staff_event


def event_report(request, pk: int):
    event = _staff_event(request, pk)
    report = carbon.event_impact(event)
    fmt = request.GET.get("format")
    if fmt == "csv":
        return _csv(report)
    if fmt == "pdf":
        return _pdf(report)
    return render(request, "community_events/report.html", {"report": report, "event": event})


def street_report(request, code: str):
    street = get_object_or_404(Street, code=code)
    if not (
        is_platform_staff(request.user) or is_regulator(request.user) or is_street_staff(request.user, street)
    ):
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


def _csv(report) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="impact-{report.start}-{report.end}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the Chinese correctly
    writer = csv.writer(response)
    writer.writerow(
        ["category", "items", "kg_diverted", "kg_co2e_avoided", "kg_co2e_low", "kg_co2e_high", "factor"]
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
            "total",
            report.items_exchanged,
            report.kg_diverted,
            report.co2e,
            report.co2e_low,
            report.co2e_high,
            "",
        ]
    )
    writer.writerow(["participants", report.participants, "", "", "", "", ""])
    return response


def _pdf(report) -> HttpResponse:
    import weasyprint

    html = render_to_string("community_events/report_pdf.html", {"report": report})
    response = HttpResponse(weasyprint.HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="impact-{report.start}-{report.end}.pdf"'
    return response


def dashboard(request):
    """District overview for platform staff, regulators and street offices, with charts drawn as SVG."""
    user = request.user
    if not (is_platform_staff(user) or is_regulator(user) or is_street_staff(user)):
        raise PermissionDenied if user.is_authenticated else Http404
    end = timezone.localdate()
    start = end - dt.timedelta(days=365)
    rows = carbon.district_overview(start, end)
    top = max([float(r.co2e) for r in rows] + [1.0])
    bars = [
        {"label": r.title, "co2e": r.co2e, "items": r.items_exchanged, "width": float(r.co2e) / top * 100}
        for r in rows
    ]
    totals = {
        "events": SwapEventPage.objects.filter(starts_at__date__gte=start).count(),
        "participants": Registration.objects.filter(checked_in_at__date__gte=start).aggregate(
            n=Sum("party_size")
        )["n"]
        or 0,
        "co2e": sum((r.co2e for r in rows), 0),
        "items": sum(r.items_exchanged for r in rows),
    }
    return render(
        request,
        "community_events/dashboard.html",
        {"bars": bars, "totals": totals, "start": start, "end": end, "streets": Street.objects.all()},
    )
