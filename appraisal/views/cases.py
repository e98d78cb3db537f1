"""The appraiser's workbench and a case's later steps; the owner's request and decline."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from listings.models import Listing
from marketplace.accounts.decorators import role_required
from marketplace.accounts.permissions import is_appraiser
from media.pipeline import PhotoRejected

from .. import services
from ..errors import AppraisalError
from ..forms import ReviewForm, ValuationForm
from ..models import AppraisalCase, AppraisalReport
from ..permissions import may_appraise, open_to, reviews_open_to


@role_required(is_appraiser)
def workbench(request):
    appraiser = request.user.appraiser
    waiting = AppraisalCase.objects.filter(status=AppraisalCase.Status.REQUESTED)
    return render(
        request,
        "appraisal/workbench.html",
        {
            "appraiser": appraiser,
            "agency": appraiser.agency,
            "mine": appraiser.cases.exclude(status__in=["issued", "declined", "cancelled"]).select_related(
                "category"
            ),
            "open_cases": open_to(appraiser, waiting),
            "reviews": reviews_open_to(appraiser),
            "issued": AppraisalReport.objects.filter(case__appraiser=appraiser).select_related("case")[:20],
        },
    )


def case_for_appraiser(request, pk: int) -> AppraisalCase:
    """The assigned appraiser, a possible reviewer in review, or anyone who may take it while waiting."""
    case = get_object_or_404(
        AppraisalCase.objects.select_related("template", "category", "owner", "listing"), pk=pk
    )
    if not is_appraiser(request.user):
        raise Http404
    appraiser = request.user.appraiser
    mine = case.appraiser_id == appraiser.pk
    open_to_me = case.status == AppraisalCase.Status.REQUESTED and may_appraise(appraiser, case)
    reviewing = case.status == AppraisalCase.Status.IN_REVIEW and not mine and may_appraise(appraiser, case)
    if not (mine or open_to_me or reviewing):
        raise Http404
    return case


def _act(request, case, action, *args, success, **kwargs):
    try:
        action(*args, **kwargs)
    except (AppraisalError, PhotoRejected) as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return redirect("appraisal:case", pk=case.pk)


@role_required(is_appraiser)
@require_POST
def take_case(request, pk: int):
    case = case_for_appraiser(request, pk)
    return _act(
        request,
        case,
        services.assign_case,
        case,
        appraiser=request.user.appraiser,
        actor=request.user,
        success=_("The case is yours."),
    )


@role_required(is_appraiser)
@require_POST
def grade(request, pk: int):
    case = case_for_appraiser(request, pk)
    return _act(request, case, services.grade_case, case, actor=request.user, success=_("Graded."))


@role_required(is_appraiser)
@require_POST
def value(request, pk: int):
    case = case_for_appraiser(request, pk)
    form = ValuationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the valuation inputs."))
        return redirect("appraisal:case", pk=pk)
    return _act(
        request,
        case,
        services.value_case,
        case,
        actor=request.user,
        success=_("Valued."),
        **form.cleaned_data,
    )


@role_required(is_appraiser)
@require_POST
def review(request, pk: int):
    case = case_for_appraiser(request, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision and write a note."))
        return redirect("appraisal:case", pk=pk)
    return _act(
        request,
        case,
        services.review_case,
        case,
        reviewer=request.user.appraiser,
        success=_("Reviewed."),
        **form.cleaned_data,
    )


@role_required(is_appraiser)
@require_POST
def issue(request, pk: int):
    case = case_for_appraiser(request, pk)
    return _act(request, case, services.issue_report, case, actor=request.user, success=_("Report issued."))


@login_required
@require_POST
def request_for_listing(request, listing_pk: int):
    listing = get_object_or_404(Listing, pk=listing_pk)
    if listing.seller_id != request.user.pk:
        raise PermissionDenied
    try:
        services.request_appraisal(request.user, listing=listing)
    except AppraisalError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Appraisal requested. The defect price schedule is published for you to read first.")
        )
    return redirect("listings:detail", pk=listing_pk)


@login_required
@require_POST
def decline(request, pk: int):
    case = get_object_or_404(AppraisalCase, pk=pk)
    if case.owner_id != request.user.pk:
        raise Http404
    try:
        services.decline_case(case, actor=request.user)
    except AppraisalError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Declined. Your item is returned to you."))
    return redirect("accounts:profile")
