"""Public pages: report verification (page, PDF, signed data, keys), the defect schedule, and the
price suggestion for sellers."""

import re

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from listings.models import Category, Condition
from marketplace.core import keys
from marketplace.core import signing as core_signing
from marketplace.core.ratelimits import limit

from .. import reports, services, signing
from ..models import AppraisalReport, DefectCode
from ..permissions import can_amend_report, can_revoke_report

# What `verify_bundle` finds, for the page's reader (the offline verifier prints it as it is).
PROBLEMS = {
    "the signed data cannot be read": gettext_lazy("the signed data cannot be read"),
    "report signature does not match its contents": gettext_lazy(
        "the report's signature does not match its contents"
    ),
    "report number differs from the signed one": gettext_lazy(
        "the report number differs from the signed one"
    ),
    "the appraiser's certificate was not valid on the day of issue": gettext_lazy(
        "the appraiser's certificate was not valid on the day of issue"
    ),
}

# NKAP + date + sequence + 4 random characters, and "-<version>" for amendments.
REPORT_NUMBER = re.compile(r"NKAP\d{8}\d{4,}[A-Z0-9]{4}(-\d{1,4})?")


def _limited(view):
    """Reports are public by number: the verification page and the downloads share one budget per
    client address, so numbers cannot be tried one after another."""
    return limit(rate=_verify_rate, key="ip", methods=("GET", "HEAD"), group="appraisal-verify")(view)


def _verify_rate(group, request) -> str:
    return settings.APPRAISAL_VERIFY_RATE


def _report(number: str) -> AppraisalReport:
    """A report by number, or the same 404 for any number that is not one (malformed or unknown)."""
    if not REPORT_NUMBER.fullmatch(number):
        raise Http404
    return get_object_or_404(AppraisalReport.objects.select_related("case"), number=number)


@_limited
def verify(request, number: str):
    """Public: anyone holding a report number (or scanning its QR code) can check it. A revoked report
    says only that it was revoked, when and why, and which version replaces it."""
    report = _report(number)
    superseded_by = AppraisalReport.objects.filter(supersedes=report).only("number").first()
    if report.revoked_at is not None:
        return render(
            request,
            "appraisal/verify_revoked.html",
            {"report": report, "superseded_by": superseded_by},
        )
    published = signing.keyset()
    key = published.keys.get(report.key_id)
    return render(
        request,
        "appraisal/verify.html",
        {
            "report": report,
            "payload": report.payload,
            "shown": reports.readable(report.payload),
            "problems": [
                PROBLEMS.get(p, p) for p in reports.verify_bundle(reports.bundle(report), keyset=published)
            ],
            "key": key,
            "fingerprint": core_signing.grouped(key.fingerprint) if key else "",
            "superseded_by": superseded_by,
            "can_amend": can_amend_report(request.user, report),
            "can_revoke": can_revoke_report(request.user, report),
        },
    )


def _gone() -> HttpResponse:
    """A revoked report's files are withdrawn; its page says it was revoked, and nothing else."""
    return HttpResponse(
        _("This report has been revoked."), status=410, content_type="text/plain; charset=utf-8"
    )


@_limited
def report_pdf(request, number: str):
    report = _report(number)
    if report.revoked_at is not None:
        return _gone()
    if not report.pdf_name or not default_storage.exists(report.pdf_name):
        raise Http404
    return FileResponse(
        default_storage.open(report.pdf_name, "rb"),
        content_type="application/pdf",
        filename=f"{report.number}.pdf",
    )


@_limited
def report_bundle(request, number: str):
    report = _report(number)
    if report.revoked_at is not None:
        return _gone()
    response = JsonResponse(reports.bundle(report), json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{report.number}.json"'
    return response


def public_keys(request):
    """The appraisal keys as a key set (the full set, audit keys too, is core's /keys.json)."""
    return JsonResponse(
        keys.document(signing.PURPOSE), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )


def defect_schedule(request):
    """Published before any inspection: what each defect code takes off the price."""
    defects = DefectCode.objects.select_related("category").order_by("category__path", "code")
    return render(request, "appraisal/defects.html", {"defects": defects})


def _text_param(request, name: str, default: str = "") -> str:
    """A query parameter as text the database can hold: PostgreSQL refuses NUL characters."""
    return request.GET.get(name, default).replace("\x00", "")[:100]


def price_suggestion(request):
    category = Category.objects.filter(slug=_text_param(request, "category")).first()
    if category is None:
        return JsonResponse({"suggestion": None})
    condition = request.GET.get("condition", "90")
    if condition not in Condition.values:
        return JsonResponse({"suggestion": None, "reason": _("Unknown condition.")}, status=400)
    estimate = services.suggest_price(
        category=category,
        condition=condition,
        brand=_text_param(request, "brand"),
        model=_text_param(request, "model"),
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
