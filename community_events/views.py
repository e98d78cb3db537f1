import csv
import datetime as dt
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.accounts.decorators import role_required
from marketplace.accounts.permissions import is_platform_staff, is_regulator, is_street_staff
from marketplace.geography.models import Street

from . import calendar_feed, carbon, services
from .errors import EventError
from .forms import IntakeForm, PledgeForm, RegistrationForm, SwapForm
from .models import PledgedItem, Registration, SwapEventPage


def _event(pk: int) -> SwapEventPage:
    return get_object_or_404(SwapEventPage.objects.live().select_related("street"), pk=pk)


def _staff_event(request, pk: int) -> SwapEventPage:
    event = _event(pk)
    if not services.can_run(request.user, event):
        raise PermissionDenied
    return event


@role_required(is_street_staff)
def staff_dashboard(request):
    """The street office's home: its own street's events and communities only."""
    street = request.user.street
    communities = street.communities.annotate(resident_count=Count("residents")).order_by("name")
    events = SwapEventPage.objects.filter(street=street).order_by("-starts_at")
    return render(
        request,
        "community_events/staff_dashboard.html",
        {"street": street, "communities": communities, "events": events},
    )


@login_required
@require_POST
def register(request, pk: int):
    event = _event(pk)
    form = RegistrationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose stall or visitor and the size of your group (1–6)."))
        return redirect(event.url)
    try:
        registration = services.register(event, user=request.user, **form.cleaned_data)
    except EventError as exc:
        messages.error(request, exc.message)
        return redirect(event.url)
    if registration.status == Registration.Status.CONFIRMED:
        messages.success(request, _("You are registered. Your ticket is below."))
    else:
        messages.info(
            request, _("The event is full: you are on the waiting list. We will email you if a place frees.")
        )
    return redirect("community_events:ticket", code=registration.ticket_code)


def _own_registration(request, code: str) -> Registration:
    registration = get_object_or_404(Registration.objects.select_related("event", "user"), ticket_code=code)
    if registration.user_id != request.user.pk:
        raise Http404
    return registration


@login_required
def ticket(request, code: str):
    registration = _own_registration(request, code)
    import segno

    qr = segno.make(registration.ticket_code, error="m").svg_inline(scale=6, dark="#111")
    return render(
        request,
        "community_events/ticket.html",
        {
            "registration": registration,
            "event": registration.event,
            "qr": qr,
            "pledges": PledgedItem.objects.filter(event=registration.event, owner=request.user),
            "pledge_form": PledgeForm(),
        },
    )


@login_required
@require_POST
def answer_offer(request, code: str):
    registration = _own_registration(request, code)
    try:
        if request.POST.get("action") == "accept":
            services.accept_offer(registration, actor=request.user)
            messages.success(request, _("The place is yours."))
        else:
            services.cancel(registration, actor=request.user)
            messages.info(request, _("Cancelled. Thank you for freeing the place."))
    except EventError as exc:
        messages.error(request, exc.message)
    return redirect("community_events:ticket", code=code)


@login_required
@require_POST
def pledge(request, code: str):
    registration = _own_registration(request, code)
    form = PledgeForm(request.POST)
    if form.is_valid():
        try:
            services.pledge(registration.event, owner=request.user, **form.cleaned_data)
        except EventError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Item added. Bring it to the desk on the day."))
    else:
        messages.error(request, _("Name the item and choose its category."))
    return redirect("community_events:ticket", code=code)


# --- Staff: check-in, desk, report ------------------------------------------------------------------


def check_in_page(request, pk: int):
    event = _staff_event(request, pk)
    return render(request, "community_events/checkin.html", {"event": event, "counts": _counts(event)})


def _counts(event) -> dict:
    counts = Registration.objects.counts(event)
    counts.update(stall_capacity=event.stall_capacity, visitor_capacity=event.visitor_capacity)
    return counts


@require_POST
def check_in_sync(request, pk: int):
    """Check-ins from a door device: one or many (queued while offline). Each ticket counts once."""
    event = _staff_event(request, pk)
    try:
        payload = json.loads(request.body or b"{}")
    except ValueError:
        payload = None
    entries = payload.get("checkins") if isinstance(payload, dict) else None
    if not isinstance(entries, list):
        return JsonResponse({"error": _("Could not read the check-ins.")}, status=400)
    entries = entries[:500]
    device = str(payload.get("device", ""))[:60]
    results = []
    for entry in entries:
        at = None
        if isinstance(entry, dict) and entry.get("at"):
            try:
                at = dt.datetime.fromisoformat(str(entry["at"]).replace("Z", "+00:00"))
            except ValueError:
                at = None
        code = str(entry.get("code", "")) if isinstance(entry, dict) else str(entry)
        results.append(services.check_in(event, code=code, actor=request.user, device=device, at=at))
    return JsonResponse({"results": results, "counts": _counts(event)})


def live_counts(request, pk: int):
    return JsonResponse(_counts(_staff_event(request, pk)))


def desk(request, pk: int):
    event = _staff_event(request, pk)
    if request.method == "POST":
        item_id = request.POST.get("item", "")
        if not item_id.isdigit():
            raise Http404
        item = get_object_or_404(PledgedItem, pk=item_id, event=event)
        try:
            if request.POST.get("step") == "intake":
                form = IntakeForm(request.POST)
                if form.is_valid():
                    services.intake(item, actor=request.user, **form.cleaned_data)
            elif request.POST.get("step") == "swap":
                form = SwapForm(request.POST)
                if form.is_valid():
                    code = form.cleaned_data["receiver_code"].strip().upper()
                    receiver = None
                    if code:
                        found = Registration.objects.filter(event=event, ticket_code=code).first()
                        if found is None:
                            raise EventError(_("No registration with that ticket code."), code="unknown")
                        receiver = found.user
                    services.record_swap(
                        item, actor=request.user, kind=form.cleaned_data["kind"], receiver=receiver
                    )
            elif request.POST.get("step") == "leftover":
                services.close_leftovers(
                    event, actor=request.user, outcomes={item.pk: request.POST.get("outcome")}
                )
        except EventError as exc:
            messages.error(request, exc.message)
        return redirect("community_events:desk", pk=pk)
    items = event.pledges.select_related("owner", "category").order_by("tag_number", "pk")
    return render(
        request,
        "community_events/desk.html",
        {
            "event": event,
            "items": items,
            "intake_form": IntakeForm(),
            "swap_form": SwapForm(),
            "outcomes": [
                PledgedItem.Outcome.DONATED,
                PledgedItem.Outcome.RECYCLED,
                PledgedItem.Outcome.TAKEN_BACK,
            ],
        },
    )


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


def calendar(request):
    today = timezone.localdate()
    try:
        month = (
            dt.date.fromisoformat(request.GET.get("month", "") + "-01") if request.GET.get("month") else today
        )
    except ValueError:
        month = today
    return render(request, "community_events/calendar.html", calendar_feed.month_view(month))


def ical(request):
    return HttpResponse(calendar_feed.ical(request), content_type="text/calendar; charset=utf-8")
