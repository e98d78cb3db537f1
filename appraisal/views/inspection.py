"""A case's page: every check of the template on one form, beside the listing's photos and description.

Each check is saved on its own by a small script (the `record` view answers JSON); without a script the
form posts every check at once. A refused check comes back with its message and what was typed in it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from marketplace.accounts.decorators import role_required
from marketplace.accounts.permissions import is_appraiser
from media.models import Photo
from media.pipeline import PhotoRejected

from .. import services
from ..errors import AppraisalError
from ..forms import ResultForm, ReviewForm, ValuationForm
from ..models import AppraisalCase, DefectCode, InspectionResult
from .cases import case_for_appraiser

C = AppraisalCase.Status
FIELDS = ("passed", "score", "measurement", "defect_code", "note")


@dataclass
class Check:
    """One row of the inspection form: the template's item, what is recorded, what is in the boxes."""

    item: object
    result: InspectionResult | None
    values: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    held: Photo | None = None  # an evidence photo kept from a refused attempt


def _number(value) -> str:
    """10.00 → "10", 7.50 → "7.5": as a person types it (never "1E+1")."""
    return "" if value is None else f"{value.normalize():f}"


def _values(result: InspectionResult | None) -> dict:
    if result is None:
        return dict.fromkeys(FIELDS, "")
    return {
        "passed": "" if result.passed is None else ("1" if result.passed else "0"),
        "score": _number(result.score),
        "measurement": result.measurement,
        "defect_code": result.defect.code if result.defect else "",
        "note": result.note,
    }


def _checks(case: AppraisalCase) -> list[Check]:
    results = {r.item_id: r for r in case.results.select_related("item", "defect", "evidence")}
    return [
        Check(item, results.get(item.pk), _values(results.get(item.pk))) for item in case.template.items.all()
    ]


def _own(request, pk: int) -> AppraisalCase:
    """The case, for its assigned appraiser only: 404 for those who may not see it, 403 for the rest."""
    case = case_for_appraiser(request, pk)
    if case.appraiser_id != request.user.appraiser.pk:
        raise PermissionDenied
    return case


def _page(request, case: AppraisalCase, checks: list[Check], *, status: int = 200):
    appraiser = request.user.appraiser
    top = case.category.path.split("/")[0]
    listing = case.listing
    return render(
        request,
        "appraisal/case.html",
        {
            "case": case,
            "checks": checks,
            "recorded": sum(1 for c in checks if c.result is not None),
            "listing": listing,
            "photos": [p.photo for p in listing.listing_photos.select_related("photo")] if listing else [],
            "is_mine": case.appraiser_id == appraiser.pk,
            "inspecting": case.status in (C.ASSIGNED, C.INSPECTED),
            "valuation_form": ValuationForm(initial={"condition": listing.condition if listing else "90"}),
            "review_form": ReviewForm(),
            "defects": DefectCode.objects.filter(category__path__in=[top, "other"]),
            "reports": case.reports.all(),
        },
        status=status,
    )


def _changed(check: Check, data: dict) -> bool:
    """Whether the boxes differ from what is recorded: saving an unchanged check again would throw the
    grade away (a result changed after grading sends the case back to be graded)."""
    entered = {
        "passed": "" if data["passed"] is None else ("1" if data["passed"] else "0"),
        "score": _number(data["score"]),
        "measurement": data["measurement"],
        "defect_code": data["defect_code"],
        "note": data["note"],
    }
    return entered != check.values


def _record(
    case: AppraisalCase, form: ResultForm, *, actor, item_code: str, held: Photo | None
) -> InspectionResult:
    data = dict(form.cleaned_data)
    photo = data.pop("photo")
    return services.record_result(
        case,
        actor=actor,
        item_code=item_code,
        photo=photo.read() if photo else None,
        held=None if photo else held,
        **data,
    )


def _form_errors(form: ResultForm) -> list[str]:
    return [
        f"{form.fields[name].label}：{error}" if name in form.fields else str(error)
        for name, errors in form.errors.items()
        for error in errors
    ]


def _held(value: str, user) -> Photo | None:
    """A photo kept from a refused attempt, named by its key; only the appraiser's own."""
    try:
        key = uuid.UUID(value)
    except ValueError:
        return None
    return Photo.objects.filter(key=key, owner=user).first()


def _save(request, case: AppraisalCase, check: Check) -> str | None:
    """Save one posted check: "saved", "refused" (errors on `check`) or None (nothing to do)."""
    code = check.item.code
    form = ResultForm(request.POST, request.FILES, prefix=code)
    typed = {name: request.POST.get(f"{code}-{name}", "") for name in FIELDS}
    upload = request.FILES.get(f"{code}-photo")
    check.held = _held(request.POST.get(f"{code}-held", ""), request.user)
    if not any(typed.values()) and not upload and check.held is None:
        return None  # left empty: nothing to record for this check yet
    problem = None
    if not form.is_valid():
        check.errors = _form_errors(form)
    elif upload or check.held or _changed(check, form.cleaned_data):
        try:
            check.result = _record(case, form, actor=request.user, item_code=code, held=check.held)
        except (AppraisalError, PhotoRejected) as exc:
            check.errors = [str(exc.message)]
            problem = exc
        else:
            check.values, check.held = _values(check.result), None
            return "saved"
    else:
        return None
    check.values = typed
    if upload and not isinstance(problem, PhotoRejected):
        upload.seek(0)
        try:
            check.held = services.hold_evidence(case, actor=request.user, photo=upload.read())
        except (AppraisalError, PhotoRejected) as exc:
            check.errors.append(str(exc.message))
    return "refused"


@role_required(is_appraiser)
def case_detail(request, pk: int):
    """The case page; its inspection form posts here and saves every check that was changed."""
    if request.method != "POST":
        case = case_for_appraiser(request, pk)
        return _page(request, case, _checks(case))
    case = _own(request, pk)
    checks = _checks(case)
    outcomes = []
    for check in checks:
        outcomes.append(_save(request, case, check))
        case.refresh_from_db()  # a saved check may have sent a graded case back to be graded
    saved, refused = outcomes.count("saved"), outcomes.count("refused")
    if saved:
        messages.success(request, ngettext("%(n)s check saved.", "%(n)s checks saved.", saved) % {"n": saved})
    if refused:
        messages.error(
            request,
            ngettext(
                "%(n)s check was not saved: see the message beside it.",
                "%(n)s checks were not saved: see the message beside each.",
                refused,
            )
            % {"n": refused},
        )
        return _page(request, case, checks, status=400)
    if not saved:
        messages.info(request, _("Nothing changed: no check was saved."))
    return redirect("appraisal:case", pk=pk)


def _wants_json(request) -> bool:
    return request.accepts("application/json") and not request.accepts("text/html")


@role_required(is_appraiser)
@require_POST
def record(request, pk: int, item_code: str):
    """One check, saved from the page's script (JSON answer) or from a plain form (back to the page)."""
    case = _own(request, pk)
    form = ResultForm(request.POST, request.FILES)
    as_json = _wants_json(request)
    if not form.is_valid():
        message = _("Check the values entered.")
        if as_json:
            return JsonResponse({"error": message, "errors": _form_errors(form)}, status=400)
        messages.error(request, message)
        return redirect("appraisal:case", pk=pk)
    try:
        held = _held(request.POST.get("held", ""), request.user)
        result = _record(case, form, actor=request.user, item_code=item_code, held=held)
    except (AppraisalError, PhotoRejected) as exc:
        if as_json:
            return JsonResponse({"error": str(exc.message), "code": exc.code}, status=400)
        messages.error(request, exc.message)
        return redirect("appraisal:case", pk=pk)
    if not as_json:
        messages.success(request, _("Recorded."))
        return redirect("appraisal:case", pk=pk)
    case.refresh_from_db()
    result = InspectionResult.objects.select_related("item", "defect", "evidence").get(pk=result.pk)
    recorded, total = case.results.count(), case.template.items.count()
    return JsonResponse(
        {
            "item": item_code,
            "message": _("Saved: %(check)s") % {"check": result.item.display_label},
            "summary": render_to_string("appraisal/recorded.html", {"result": result}, request=request),
            "recorded": recorded,
            "total": total,
            "progress": _("%(n)s of %(total)s checks recorded") % {"n": recorded, "total": total},
            "status": case.get_status_display(),
        }
    )
