"""The regulator's review queue: filter, export, open, decide, unmask, and flags of their own."""

import datetime as dt

from django.contrib import messages
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from listings.models import Category, Condition, Listing
from marketplace.accounts.decorators import role_required
from marketplace.accounts.permissions import is_regulator
from marketplace.core.errors import DomainError
from marketplace.core.spreadsheets import csv_response, xlsx_response
from marketplace.geography.models import Street

from .. import services
from ..forms import DecisionForm, FlagForm, QueueFilterForm, ReverseForm, UnmaskForm, UpholdForm
from ..models import Flag, IPNotice
from .access import flag_for, may_review
from .evidence import frozen_photos

EXPORT_COLUMNS = [
    "id",
    "type",
    "severity",
    "source",
    "street",
    "listing",
    "reason",
    "created",
    "due",
    "status",
    "decision",
]


def _reviewable_streets(user):
    if is_regulator(user):
        return Street.objects.filter(district=user.supervision_office.district).order_by("code")
    return Street.objects.order_by("code")


def _queue(request):
    street_name = Street.objects.filter(code=OuterRef("street_code")).values("name")[:1]
    flags = (
        services.flags_visible_to(request.user)
        .select_related("listing")
        .annotate(street_name=Subquery(street_name))
    )
    form = QueueFilterForm(request.GET or {"status": "open"}, streets=_reviewable_streets(request.user))
    if form.is_valid():
        data = form.cleaned_data
        if data["status"]:
            flags = flags.filter(status=data["status"])
        if data["flag_type"]:
            flags = flags.filter(flag_type=data["flag_type"])
        if data["severity"]:
            flags = flags.filter(severity=data["severity"])
        if data["street"]:
            flags = flags.filter(street_code=data["street"])
        if data["older_than_hours"] is not None:
            flags = flags.filter(
                created_at__lte=timezone.now() - dt.timedelta(hours=data["older_than_hours"])
            )
    return form, flags.order_by("due_at", "pk")


@role_required(may_review)
def dashboard(request):
    """The bureau's review queue, bound to the regulator's own district."""
    form, flags = _queue(request)
    office = getattr(request.user, "supervision_office", None)
    return render(
        request,
        "regulation/queue.html",
        {
            "form": form,
            "flags": flags[:200],
            "now": timezone.now(),
            "office": office,
            "decision_form": DecisionForm() if is_regulator(request.user) else None,
            "query": request.GET.urlencode(),
            "may_open_flags": is_regulator(request.user),
        },
    )


@role_required(may_review)
def export(request, fmt: str):
    """The filtered queue as CSV or XLSX; free text is made inert so no cell runs as a formula."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    _form, flags = _queue(request)
    rows = (
        [
            f.pk,
            f.get_flag_type_display(),
            f.get_severity_display(),
            f.get_source_display(),
            f.street_name or f.street_code,
            f.listing_id,
            f.reason,
            timezone.localtime(f.created_at).strftime("%Y-%m-%d %H:%M"),
            timezone.localtime(f.due_at).strftime("%Y-%m-%d %H:%M") if f.due_at else "",
            f.get_status_display(),
            f.get_decision_display(),
        ]
        for f in flags
    )
    if fmt == "csv":
        return csv_response("flags.csv", EXPORT_COLUMNS, rows)
    return xlsx_response("flags.xlsx", EXPORT_COLUMNS, rows, title="flags")


def _flag_page(request, flag: Flag, *, unmasked: dict | None = None, status: int = 200):
    notice = None
    if flag.evidence.get("ip_notice"):
        notice = (
            IPNotice.objects.select_related("rights_holder").filter(pk=flag.evidence["ip_notice"]).first()
        )
    # An open notice may be upheld by staff, or by a regulator of the listing's district.
    may_uphold = (
        notice is not None
        and notice.status in services.OPEN_NOTICE
        and services.may_uphold(request.user, notice)
    )
    # Decisions, unmasking and reversals are the regulator's of the flag's district; staff only read.
    may_decide = services.may_decide(request.user, flag)
    snapshot = flag.evidence.get("listing") or {}
    return render(
        request,
        "regulation/flag.html",
        {
            "flag": flag,
            "snapshot": snapshot,
            "photos": frozen_photos(flag),
            "street": Street.objects.filter(code=snapshot.get("street") or flag.street_code).first(),
            "category": Category.objects.filter(path=snapshot.get("category", "")).first(),
            "condition": Condition(snapshot["condition"]).label
            if snapshot.get("condition") in Condition.values
            else "",
            "events": flag.events.select_related("actor"),
            "may_decide": may_decide,
            "decision_form": DecisionForm() if may_decide else None,
            "unmask_form": UnmaskForm() if may_decide else None,
            "reverse_form": ReverseForm() if may_decide and services.may_reverse(flag) else None,
            "notice": notice,
            "uphold_form": UpholdForm() if may_uphold else None,
            "now": timezone.now(),
            "unmasked": unmasked,
        },
        status=status,
    )


@role_required(may_review)
def flag_detail(request, pk: int):
    return _flag_page(request, flag_for(request, pk))


@role_required(is_regulator)
@require_POST
def decide(request, pk: int):
    flag = flag_for(request, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision and give the reason."))
        return redirect("regulation:flag", pk=pk)
    try:
        services.decide(flag, actor=request.user, **form.cleaned_data)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Decision recorded."))
    return redirect("regulation:flag", pk=pk)


@role_required(is_regulator)
@require_POST
def decide_bulk(request):
    form = DecisionForm(request.POST)
    ids = [int(pk) for pk in request.POST.getlist("flags") if pk.isdigit()]
    if not form.is_valid() or not ids:
        messages.error(request, _("Select flags, a decision and a reason."))
        return redirect("regulation:dashboard")
    flags = services.flags_decidable_by(request.user).filter(pk__in=ids, status=Flag.Status.OPEN)
    done, refused = services.decide_many(list(flags), actor=request.user, **form.cleaned_data)
    if done:
        messages.success(request, _("%(n)s flags decided.") % {"n": done})
    for flag, message in refused:
        messages.error(request, _("Flag #%(pk)s was not decided: %(why)s") % {"pk": flag.pk, "why": message})
    if not done and not refused:
        messages.error(request, _("None of the selected flags is still open."))
    return redirect("regulation:dashboard")


@role_required(is_regulator)
@require_POST
@never_cache
def unmask(request, pk: int):
    """The identity is in this response only: never in the session, a message or a cache."""
    flag = flag_for(request, pk)
    form = UnmaskForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why you need to see the identity."))
        return redirect("regulation:flag", pk=pk)
    try:
        identity = services.unmask(flag, actor=request.user, reason=form.cleaned_data["reason"])
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("regulation:flag", pk=pk)
    return _flag_page(request, flag, unmasked=identity)


@role_required(is_regulator)
@require_POST
def reverse_takedown(request, pk: int):
    flag = flag_for(request, pk)
    form = ReverseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for reversing the takedown."))
        return redirect("regulation:flag", pk=pk)
    try:
        services.reverse_takedown(flag, actor=request.user, reason=form.cleaned_data["reason"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Takedown reversed."))
    return redirect("regulation:flag", pk=pk)


@role_required(is_regulator)
def open_flag(request):
    """A regulator's own flag on a listing in their district, from its number or address."""
    initial = {"listing": request.GET.get("listing", "")}
    form = FlagForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        listing = Listing.objects.select_related("community__street").filter(pk=data["listing"]).first()
        if listing is None:
            form.add_error("listing", _("There is no listing with that number."))
        else:
            try:
                flag = services.raise_flag_as_regulator(
                    listing,
                    actor=request.user,
                    flag_type=data["flag_type"],
                    severity=data["severity"],
                    reason=data["reason"],
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Flag opened; it is in your queue."))
                return redirect("regulation:flag", pk=flag.pk)
    return render(request, "regulation/open_flag.html", {"form": form})
