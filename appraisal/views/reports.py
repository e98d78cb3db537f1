"""Amending and revoking a signed report, each with a reason that goes into the audit log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .. import services
from ..errors import AppraisalError
from ..forms import ReasonForm
from ..models import AppraisalReport
from ..permissions import can_amend_report, can_revoke_report


def _report_for(request, number: str, *, allowed) -> AppraisalReport:
    """Reports are public, so anyone may see one: 403 for those who may not change it."""
    report = get_object_or_404(
        AppraisalReport.objects.select_related("case__appraiser", "case__listing"), number=number
    )
    if not allowed(request.user, report):
        raise PermissionDenied
    return report


def _with_reason(request, report, *, action, title: str, help_text: str, success: str):
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = action(report, actor=request.user, reason=form.cleaned_data["reason"])
        except AppraisalError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, success)
            return redirect("appraisal:verify", number=result.number)
    return render(
        request,
        "appraisal/report_action.html",
        {"report": report, "form": form, "title": title, "help_text": help_text},
    )


@login_required
def amend(request, number: str):
    report = _report_for(request, number, allowed=can_amend_report)
    return _with_reason(
        request,
        report,
        action=services.amend_report,
        title=_("Amend report %(number)s") % {"number": report.number},
        help_text=_(
            "The amendment is a new signed version built from the case as it stands now; "
            "this version stays on record and points to it."
        ),
        success=_("Amended: the new version is signed and issued."),
    )


@login_required
def revoke(request, number: str):
    report = _report_for(request, number, allowed=can_revoke_report)
    return _with_reason(
        request,
        report,
        action=services.revoke_report,
        title=_("Revoke report %(number)s") % {"number": report.number},
        help_text=_("Anyone checking this report will be told it was revoked, and why."),
        success=_("Revoked."),
    )
