"""Public pages: report verification (page, PDF, signed data, keys), the defect schedule, and the
price suggestion for sellers."""

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from listings.models import Category, Condition

from .. import reports, services, signing
from ..models import AppraisalReport, DefectCode
from ..permissions import can_amend_report, can_revoke_report


def verify(request, number: str):
    """Public: anyone holding a report number (or scanning its QR code) can check it."""
    report = get_object_or_404(AppraisalReport.objects.select_related("case"), number=number)
    problems = reports.verify_bundle(reports.bundle(report), public_key=signing.public_key_pem())
    return render(
        request,
        "appraisal/verify.html",
        {
            "report": report,
            "payload": report.payload,
            "problems": problems,
            "superseded_by": getattr(report, "superseded_by", None),
            "can_amend": can_amend_report(request.user, report),
            "can_revoke": can_revoke_report(request.user, report),
        },
    )


def report_pdf(request, number: str):
    report = get_object_or_404(AppraisalReport, number=number)
    if not report.pdf_name or not default_storage.exists(report.pdf_name):
        raise Http404
    return FileResponse(
        default_storage.open(report.pdf_name, "rb"),
        content_type="application/pdf",
        filename=f"{report.number}.pdf",
    )


def report_bundle(request, number: str):
    report = get_object_or_404(AppraisalReport, number=number)
    response = JsonResponse(reports.bundle(report), json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{report.number}.json"'
    return response


def public_keys(request):
    return JsonResponse({"keys": {signing.key_id(): signing.public_key_pem()}})


def defect_schedule(request):
    """Published before any inspection: what each defect code takes off the price."""
    defects = DefectCode.objects.select_related("category").order_by("category__path", "code")
    return render(request, "appraisal/defects.html", {"defects": defects})


def price_suggestion(request):
    category = Category.objects.filter(slug=request.GET.get("category", "")).first()
    if category is None:
        return JsonResponse({"suggestion": None})
    condition = request.GET.get("condition", "90")
    if condition not in Condition.values:
        return JsonResponse({"suggestion": None, "reason": _("Unknown condition.")}, status=400)
    estimate = services.suggest_price(
        category=category,
        condition=condition,
        brand=request.GET.get("brand", ""),
        model=request.GET.get("model", ""),
    )
    if estimate is None:
        return JsonResponse({"suggestion": None, "reason": _("Not enough similar items sold yet.")})
    return JsonResponse(
        {
            "suggestion": str(estimate.estimate),
            "low": str(estimate.low),
            "high": str(estimate.high),
            "comparables": estimate.used,
        }
    )
