"""IP notice-and-takedown pages: rights holders file notices and record complaints, sellers
counter-declare, staff and regulators uphold, and everyone reads the outcomes (Art. 44)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from listings.models import Listing
from marketplace.core.errors import DomainError

from .. import services
from ..forms import (
    ComplaintForm,
    CounterForm,
    NoticeForm,
    RightsHolderForm,
    UpholdForm,
    WithdrawNoticeForm,
)
from ..models import Flag, IPNotice, RightsHolder


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
    notices = (
        IPNotice.objects.filter(rights_holder__user=request.user)
        .select_related("listing", "rights_holder")
        .order_by("-filed_at")
    )
    return render(
        request,
        "regulation/rights_holder.html",
        {
            "holders": holders,
            "form": form,
            "notice_form": notice_form,
            "notices": notices,
            "complaint_form": ComplaintForm(),
            "withdraw_form": WithdrawNoticeForm(),
            "open_statuses": services.OPEN_NOTICE,
        },
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
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Notice filed: the listing is taken down and the seller told."))
    else:
        messages.error(request, _("Give the listing number, the right and your evidence."))
    return redirect("regulation:rights_holder")


@login_required
@require_POST
def complaint(request, pk: int):
    """Art. 45: the rights holder tells us they filed a complaint or suit, so the listing stays down."""
    notice = get_object_or_404(IPNotice.objects.select_related("rights_holder"), pk=pk)
    if notice.rights_holder.user_id != request.user.pk:
        raise Http404
    form = ComplaintForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say where you filed the complaint or suit, and its reference."))
        return redirect("regulation:rights_holder")
    try:
        services.record_complaint(notice, actor=request.user, note=form.cleaned_data["note"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Recorded: the listing stays down while your complaint is decided."))
    return redirect("regulation:rights_holder")


@login_required
@require_POST
def withdraw_notice(request, pk: int):
    """The rights holder withdraws a notice; the listing returns unless something else holds it."""
    notice = get_object_or_404(IPNotice.objects.select_related("rights_holder"), pk=pk)
    if notice.rights_holder.user_id != request.user.pk:
        raise Http404
    form = WithdrawNoticeForm(request.POST)
    form.is_valid()
    try:
        services.withdraw_notice(notice, actor=request.user, note=form.cleaned_data.get("note", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Notice withdrawn."))
    return redirect("regulation:rights_holder")


@login_required
@require_POST
def uphold(request, pk: int):
    """Platform staff, or a regulator of the listing's district, find that the infringement stands."""
    notice = get_object_or_404(IPNotice.objects.select_related("listing__community__street"), pk=pk)
    if not services.may_uphold(request.user, notice):
        raise Http404
    flag = Flag.objects.filter(evidence__ip_notice=notice.pk).order_by("pk").first()
    back = redirect("regulation:flag", pk=flag.pk) if flag else redirect("regulation:dashboard")
    form = UpholdForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the infringement stands."))
        return back
    try:
        services.uphold_notice(notice, actor=request.user, note=form.cleaned_data["note"])
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Notice upheld: the listing stays down."))
    return back


@login_required
def counter_declare(request, pk: int):
    notice = get_object_or_404(IPNotice.objects.select_related("listing"), pk=pk)
    if notice.listing.seller_id != request.user.pk:
        raise Http404
    form = CounterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.counter_declare(notice, actor=request.user, statement=form.cleaned_data["statement"])
        except DomainError as exc:
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
