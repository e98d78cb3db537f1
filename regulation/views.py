import csv
import datetime as dt
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from listings.models import Listing
from marketplace.accounts.decorators import role_required
from marketplace.accounts.permissions import is_platform_staff, is_regulator

from . import services
from .forms import CounterForm, DecisionForm, NoticeForm, QueueFilterForm, RightsHolderForm, UnmaskForm
from .models import Flag, IPNotice, RightsHolder

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


def _may_review(user) -> bool:
    return is_regulator(user) or is_platform_staff(user)


def _queue(request):
    flags = services.flags_visible_to(request.user).select_related("listing")
    form = QueueFilterForm(request.GET or {"status": "open"})
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


@role_required(_may_review)
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
            "decision_form": DecisionForm(),
            "query": request.GET.urlencode(),
        },
    )


@role_required(_may_review)
def export(request, fmt: str):
    _form, flags = _queue(request)
    rows = [
        [
            f.pk,
            f.get_flag_type_display(),
            f.get_severity_display(),
            f.get_source_display(),
            f.street_code,
            f.listing_id,
            f.reason,
            timezone.localtime(f.created_at).strftime("%Y-%m-%d %H:%M"),
            timezone.localtime(f.due_at).strftime("%Y-%m-%d %H:%M") if f.due_at else "",
            f.get_status_display(),
            f.get_decision_display(),
        ]
        for f in flags
    ]
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="flags.csv"'
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(EXPORT_COLUMNS)
        writer.writerows(rows)
        return response
    if fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "flags"
        sheet.append(EXPORT_COLUMNS)
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="flags.xlsx"'
        return response
    raise Http404


def _flag_for(request, pk: int) -> Flag:
    flag = services.flags_visible_to(request.user).select_related("listing").filter(pk=pk).first()
    if flag is None:
        raise Http404
    return flag


@role_required(_may_review)
def flag_detail(request, pk: int):
    flag = _flag_for(request, pk)
    return render(
        request,
        "regulation/flag.html",
        {
            "flag": flag,
            "events": flag.events.select_related("actor"),
            "decision_form": DecisionForm(),
            "unmask_form": UnmaskForm(),
            "now": timezone.now(),
            "unmasked": request.session.pop(f"unmasked-{pk}", None),
        },
    )


@role_required(_may_review)
@require_POST
def decide(request, pk: int):
    flag = _flag_for(request, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision and give the reason."))
        return redirect("regulation:flag", pk=pk)
    try:
        services.decide(flag, actor=request.user, **form.cleaned_data)
    except services.RegulationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Decision recorded."))
    return redirect("regulation:flag", pk=pk)


@role_required(_may_review)
@require_POST
def decide_bulk(request):
    form = DecisionForm(request.POST)
    ids = [int(pk) for pk in request.POST.getlist("flags") if pk.isdigit()]
    if not form.is_valid() or not ids:
        messages.error(request, _("Select flags, a decision and a reason."))
        return redirect("regulation:dashboard")
    flags = services.flags_visible_to(request.user).filter(pk__in=ids, status=Flag.Status.OPEN)
    try:
        done = services.decide_many(list(flags), actor=request.user, **form.cleaned_data)
    except services.RegulationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(n)s flags decided.") % {"n": done})
    return redirect("regulation:dashboard")


@role_required(is_regulator)
@require_POST
def unmask(request, pk: int):
    flag = _flag_for(request, pk)
    form = UnmaskForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why you need to see the identity."))
        return redirect("regulation:flag", pk=pk)
    try:
        identity = services.unmask(flag, actor=request.user, reason=form.cleaned_data["reason"])
    except services.RegulationError as exc:
        messages.error(request, exc.message)
    else:
        request.session[f"unmasked-{pk}"] = identity  # shown once, on the next page only
    return redirect("regulation:flag", pk=pk)


# --- IP notices ---------------------------------------------------------------------------------------


@login_required
def rights_holder(request):
    holders = RightsHolder.objects.filter(user=request.user)
    form = RightsHolderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.register_rights_holder(request.user, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(
                request, _("Registered. Platform staff verify your organisation before notices take effect.")
            )
            return redirect("regulation:rights_holder")
    notice_form = NoticeForm(request.POST or None) if any(h.verified_at for h in holders) else None
    return render(
        request,
        "regulation/rights_holder.html",
        {"holders": holders, "form": form, "notice_form": notice_form},
    )


@login_required
@require_POST
def file_notice(request):
    holder = RightsHolder.objects.filter(user=request.user, verified_at__isnull=False).first()
    if holder is None:
        raise PermissionDenied
    form = NoticeForm(request.POST)
    if form.is_valid():
        listing = Listing.objects.visible_to_public().filter(pk=form.cleaned_data["listing"]).first()
        if listing is None:
            messages.error(request, _("There is no listing with that number."))
        else:
            try:
                services.file_notice(
                    holder,
                    listing=listing,
                    right=form.cleaned_data["right"],
                    evidence=form.cleaned_data["evidence"],
                )
            except services.RegulationError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Notice filed: the listing is taken down and the seller told."))
    else:
        messages.error(request, _("Give the listing number, the right and your evidence."))
    return redirect("regulation:rights_holder")


@login_required
def counter_declare(request, pk: int):
    notice = get_object_or_404(IPNotice.objects.select_related("listing"), pk=pk)
    if notice.listing.seller_id != request.user.pk:
        raise Http404
    form = CounterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.counter_declare(notice, actor=request.user, statement=form.cleaned_data["statement"])
        except services.RegulationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("Sent to the rights holder. Without a complaint within 15 days the listing returns."),
            )
            return redirect("listings:detail", pk=notice.listing_id)
    return render(request, "regulation/counter.html", {"notice": notice, "form": form})


def outcomes(request):
    """Art. 44: notices and their outcomes, public, without personal data."""
    return render(request, "regulation/outcomes.html", {"notices": services.published_outcomes()[:200]})
