import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import calendar_feed, services
from ..errors import EventError
from ..forms import PledgeForm, RegistrationForm
from ..models import PledgedItem, Registration
from .common import _event


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


@login_required
def my_tickets(request):
    """Every registration of the signed-in person: upcoming events first, then past ones."""
    now = timezone.now()
    registrations = Registration.objects.filter(user=request.user).select_related("event__street")
    upcoming = registrations.filter(event__ends_at__gte=now).order_by("event__starts_at", "pk")
    past = registrations.filter(event__ends_at__lt=now).order_by("-event__starts_at", "-pk")[:50]
    return render(request, "community_events/my_tickets.html", {"upcoming": upcoming, "past": past})


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
