import datetime as dt
import json

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, JsonResponse
from django.http.request import RawPostDataException
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.accounts.decorators import role_required
from marketplace.accounts.permissions import is_street_staff

from .. import services
from ..errors import EventError
from ..forms import IntakeForm, SwapForm
from ..models import PledgedItem, Registration, SwapEventPage
from .common import _staff_event


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
    except (ValueError, RawPostDataException):
        # Not JSON, or a form upload whose body was already parsed as a form: not check-ins either way.
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
            if at is not None:
                # A device's clock says when it scanned, never later than now; no zone means UTC.
                at = min(at if at.tzinfo else at.replace(tzinfo=dt.UTC), timezone.now())
        code = str(entry.get("code", "")) if isinstance(entry, dict) else str(entry)
        results.append(services.check_in(event, code=code, actor=request.user, device=device, at=at))
    return JsonResponse({"results": results, "counts": _counts(event)})


def live_counts(request, pk: int):
    return JsonResponse(_counts(_staff_event(request, pk)))


def desk(request, pk: int):
    event = _staff_event(request, pk)
    if request.method == "POST":
        item_id = request.POST.get("item", "")
        if not (item_id.isascii() and item_id.isdigit() and len(item_id) <= 18):  # a row id, not any number
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
