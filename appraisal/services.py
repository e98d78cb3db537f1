"""Writes for appraisal: agencies and appraisers, cases through inspection, grading, valuation,
second review, signed reports, amendments and revocation. Nothing else changes a case's status."""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from listings import services as listing_services
from listings.models import Category, Listing
from marketplace.accounts.models import Role
from marketplace.accounts.permissions import is_platform_staff
from marketplace.accounts.services import set_role
from media.services import store_photo
from regulation import audit
from regulation.models import Flag
from regulation.services import raise_flag
from search.outbox import record_listing_change

from . import grading, reports, signing, valuation
from .errors import AppraisalError
from .models import (
    Agency,
    AppraisalCase,
    AppraisalReport,
    Appraiser,
    Comparable,
    DefectCode,
    InspectionResult,
    InspectionTemplate,
)
from .permissions import conflict_of_interest

C = AppraisalCase.Status


def _require(condition: bool, message, code: str) -> None:
    if not condition:
        raise AppraisalError(message, code=code)


def register_appraiser(
    user,
    *,
    agency: Agency,
    certificate_number: str,
    active_from: dt.date,
    active_until: dt.date | None = None,
    specialities=(),
) -> Appraiser:
    """Bind a user to an agency under a certificate and give them the appraiser role."""
    with transaction.atomic():
        appraiser = Appraiser.objects.create(
            user=user,
            agency=agency,
            certificate_number=certificate_number.strip(),
            active_from=active_from,
            active_until=active_until,
        )
        appraiser.specialities.set(specialities)
        set_role(user, Role.APPRAISER)
    return appraiser


def template_for(category: Category) -> InspectionTemplate:
    top = category.path.split("/")[0]
    template = InspectionTemplate.objects.filter(is_current=True, category__path=top).first()
    return template or InspectionTemplate.objects.get(is_current=True, category__isnull=True)


# --- The case workflow --------------------------------------------------------------------------


def request_appraisal(
    owner, *, listing: Listing | None = None, item_name: str = "", category: Category | None = None
) -> AppraisalCase:
    """A seller asks for an item (a listing of theirs, or an item at a swap-event desk) to be appraised."""
    if listing is not None:
        _require(
            listing.seller_id == owner.pk,
            _("You can only ask for your own items to be appraised."),
            "not_owner",
        )
        item_name, category = listing.title, listing.category
    _require(bool(item_name) and category is not None, _("Name the item and its category."), "incomplete")
    return AppraisalCase.objects.create(
        listing=listing,
        owner=owner,
        item_name=item_name[:100],
        category=category,
        template=template_for(category),
    )


def _transition(case: AppraisalCase, new: str, allowed_from: set[str], **fields) -> AppraisalCase:
    locked = AppraisalCase.objects.select_for_update().get(pk=case.pk)
    _require(
        locked.status in allowed_from,
        _("This case is %(status)s; that step is not possible now.")
        % {"status": locked.get_status_display()},
        "transition",
    )
    locked.status = new
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.save()
    return locked


def assign_case(case: AppraisalCase, *, appraiser: Appraiser, actor) -> AppraisalCase:
    """Staff assign, or an appraiser takes a case; certificate, speciality and conflicts are checked."""
    _require(
        is_platform_staff(actor) or actor.pk == appraiser.user_id,
        _("You cannot assign this case."),
        "not_allowed",
    )
    _require(appraiser.is_active(), _("This appraiser's certificate is not active."), "inactive")
    _require(
        appraiser.covers_case(case), _("This appraiser is not certified for this category."), "speciality"
    )
    _require(
        not conflict_of_interest(appraiser, case),
        _("Conflict of interest: the appraiser is the owner or a related account."),
        "conflict",
    )
    # Appraisers take waiting cases only; reassigning a case in progress is for platform staff.
    allowed = {C.REQUESTED, C.ASSIGNED} if is_platform_staff(actor) else {C.REQUESTED}
    with transaction.atomic():
        return _transition(case, C.ASSIGNED, allowed, appraiser=appraiser)


def _require_appraiser(case: AppraisalCase, actor) -> None:
    _require(
        case.appraiser_id is not None and case.appraiser.user_id == actor.pk,
        _("Only the assigned appraiser can do this."),
        "not_appraiser",
    )
    _require(case.appraiser.is_active(), _("Your certificate is not active."), "inactive")


def record_result(
    case: AppraisalCase,
    *,
    actor,
    item_code: str,
    passed: bool | None = None,
    score: Decimal | None = None,
    measurement: str = "",
    note: str = "",
    defect_code: str = "",
    photo: bytes | None = None,
) -> InspectionResult:
    """Record one check. A downgrade (a failed check or points taken off) must cite a defect code
    from the published schedule and carry an evidence photo: no price cut without a reason shown."""
    _require_appraiser(case, actor)
    _require(case.status in (C.ASSIGNED, C.INSPECTED), _("Inspection is closed for this case."), "transition")
    item = case.template.items.filter(code=item_code).first()
    _require(item is not None, _("That check is not part of this template."), "unknown_item")
    if item.kind == "score":
        _require(
            score is not None and 0 <= Decimal(score) <= item.max_score,
            _("Give a score from 0 to %(max)s.") % {"max": item.max_score},
            "score",
        )
    if item.kind == "pass_fail":
        _require(passed is not None, _("Say whether the check passed."), "passed")
    downgrade = passed is False or (item.kind == "score" and Decimal(score) < item.max_score)
    defect = None
    if downgrade:
        top = case.category.path.split("/")[0]
        schedule = DefectCode.objects.filter(category__path__in=[top, "other"])
        defect = schedule.filter(code=defect_code).first()
        _require(
            defect is not None,
            _("A downgrade must cite a defect code from the published schedule."),
            "defect",
        )
    evidence = None
    if photo:
        evidence = store_photo(actor, photo)
    existing = InspectionResult.objects.filter(case=case, item=item).first()
    _require(
        evidence is not None or not (downgrade or item.photo_required) or (existing and existing.evidence_id),
        _("Add an evidence photo for this check."),
        "evidence",
    )
    if case.status == C.INSPECTED:
        # A result changed after grading: the grade no longer holds, grade again before valuing.
        with transaction.atomic():
            _transition(
                case, C.ASSIGNED, {C.INSPECTED}, grade="", score=None, counterfeit=False, grading_reasons=[]
            )
    result, _created = InspectionResult.objects.update_or_create(
        case=case,
        item=item,
        defaults={
            "passed": passed,
            "score": score,
            "measurement": measurement[:60],
            "note": note[:300],
            "defect": defect,
            **({"evidence": evidence} if evidence else {}),
        },
    )
    return result


def grade_case(case: AppraisalCase, *, actor) -> AppraisalCase:
    """Apply the template's rule. A counterfeit verdict blocks the listing and raises an IP flag."""
    _require_appraiser(case, actor)
    items = list(case.template.items.all())
    specs = [
        grading.ItemSpec(i.code, i.kind, i.weight, i.max_score, i.accident, i.critical, i.authenticity)
        for i in items
    ]
    results = {
        r.item.code: grading.ItemResult(r.item.code, r.passed, r.score)
        for r in case.results.select_related("item")
    }
    try:
        graded = grading.grade(case.template.grading_rule, specs, results)
    except grading.IncompleteInspection as exc:
        raise AppraisalError(
            _("Record every check first (%(detail)s).") % {"detail": exc}, code="incomplete"
        ) from None
    with transaction.atomic():
        case = _transition(
            case,
            C.INSPECTED,
            {C.ASSIGNED, C.INSPECTED},
            grade=graded.label,
            score=graded.score,
            counterfeit=graded.counterfeit,
            grading_reasons=graded.reasons,
        )
        if graded.counterfeit and case.listing_id:
            listing = Listing.objects.select_for_update().get(pk=case.listing_id)
            if listing.status not in (Listing.Status.BLOCKED, Listing.Status.SOLD):
                listing_services._transition(
                    listing,
                    Listing.Status.BLOCKED,
                    actor=actor,
                    reason=str(_("Counterfeit verdict in appraisal case %(pk)s") % {"pk": case.pk}),
                )
            audit.append(
                "appraisal.counterfeit",
                {"case": case.pk, "listing": listing.pk, "grade": graded.label, "reasons": graded.reasons},
            )
            raise_flag(
                listing,
                source=Flag.Source.APPRAISAL,
                flag_type=Flag.Type.COUNTERFEIT,
                severity=Flag.Severity.HIGH,
                reason="; ".join(graded.reasons),
                actor=actor,
                extra={"case": case.pk, "grade": graded.label},
            )
    return case


def comparables_for(case: AppraisalCase, brand: str, model: str) -> list[valuation.Comparable]:
    """Sold items like this one: imported comparables and completed sales on the platform."""
    from orders.models import Order

    found = Comparable.objects.filter(category=case.category.path)
    if brand:
        found = found.filter(brand=brand)
    if model:
        found = found.filter(model=model)
    comps = [valuation.Comparable(c.sold_price, c.condition, c.age_days // 30) for c in found[:500]]
    sold = Order.objects.filter(status="completed", listing__category=case.category, price__gt=0)
    if brand:
        sold = sold.filter(listing__attributes__brand=brand)
    if model:
        sold = sold.filter(listing__attributes__model=model)
    for order in sold.select_related("listing")[:500]:
        year = (order.listing.attributes or {}).get("purchase_year")
        age = max(0, (order.completed_at.year - int(year)) * 12) if year and str(year).isdigit() else 12
        comps.append(valuation.Comparable(order.price, order.listing.condition, age))
    return comps


def value_case(
    case: AppraisalCase,
    *,
    actor,
    replacement_cost: Decimal,
    used_months: int,
    life_months: int,
    condition: str,
    brand: str = "",
    model: str = "",
    mileage_km: int | None = None,
    rated_km: int | None = None,
    factors: dict | None = None,
    liquidation_discount: Decimal | None = None,
) -> AppraisalCase:
    """Value by market comparison and by cost (age, mileage or combined 成新率), then reconcile."""
    _require_appraiser(case, actor)
    if mileage_km is not None and rated_km:
        newness, newness_method = valuation.newness_by_mileage(mileage_km, rated_km), "mileage"
    elif factors:
        newness = valuation.newness_combined(
            used_months, life_months, factor=valuation.combined_factor(factors)
        )
        newness_method = "combined"
    else:
        newness, newness_method = valuation.newness_by_age(used_months, life_months), "age"
    cost = valuation.cost_value(replacement_cost, newness)
    market = valuation.market_value(
        comparables_for(case, brand, model), condition=condition, age_months=used_months
    )
    liquidation = valuation.liquidation_value(cost, liquidation_discount) if liquidation_discount else None
    with translation.override(settings.LANGUAGE_CODE):  # reports speak the site's first language
        result = valuation.reconcile(market=market, cost=cost, liquidation=liquidation)
    record = {
        "methods": {k: str(v) for k, v in result.methods.items()},
        "weights": {k: str(v) for k, v in result.weights.items()},
        "newness": {"method": newness_method, "rate": str(newness.quantize(Decimal("0.0001")))},
        "inputs": {
            "replacement_cost": str(replacement_cost),
            "used_months": used_months,
            "life_months": life_months,
            "mileage_km": mileage_km,
            "rated_km": rated_km,
        },
        "explanation": result.explanation,
    }
    needs_review = result.estimate >= settings.APPRAISAL_REVIEW_THRESHOLD
    with transaction.atomic():
        return _transition(
            case,
            C.IN_REVIEW if needs_review else C.VALUED,
            {C.INSPECTED, C.VALUED, C.IN_REVIEW},
            valuation=record,
            estimate=result.estimate,
            estimate_low=result.low,
            estimate_high=result.high,
            reviewer=None,
        )


def review_case(case: AppraisalCase, *, reviewer: Appraiser, approve: bool, note: str) -> AppraisalCase:
    """A second appraiser checks a high-value case: never the first appraiser or a conflicted one."""
    _require(
        reviewer.pk != case.appraiser_id,
        _("The second review needs a different appraiser."),
        "same_appraiser",
    )
    _require(
        reviewer.is_active() and reviewer.covers_case(case),
        _("The reviewer must hold an active certificate for this category."),
        "speciality",
    )
    _require(
        not conflict_of_interest(reviewer, case), _("Conflict of interest for the reviewer."), "conflict"
    )
    with transaction.atomic():
        if approve:
            return _transition(case, C.VALUED, {C.IN_REVIEW}, reviewer=reviewer, review_note=note[:1000])
        return _transition(case, C.ASSIGNED, {C.IN_REVIEW}, review_note=note[:1000])


def decline_case(case: AppraisalCase, *, actor) -> AppraisalCase:
    """The owner does not accept the grade or value and takes the item back, owing nothing more."""
    _require(case.owner_id == actor.pk, _("Only the owner can decline."), "not_owner")
    with transaction.atomic():
        return _transition(case, C.DECLINED, {C.INSPECTED, C.VALUED, C.IN_REVIEW})


def _next_number(issued_at) -> str:
    """NKAP<date><sequence><4 random characters>: readable, and not guessable from its neighbours, so the
    public verification pages cannot be walked through one by one."""
    prefix = f"NKAP{issued_at:%Y%m%d}"
    count = AppraisalReport.objects.filter(number__startswith=prefix, version=1).count()
    token = "".join(secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(4))
    return f"{prefix}{count + 1:04d}{token}"


def _issue(
    case: AppraisalCase, *, number: str, version: int, supersedes: AppraisalReport | None
) -> AppraisalReport:
    issued_at = timezone.now()
    payload = reports.build_payload(
        case,
        number=number,
        version=version,
        supersedes=supersedes.number if supersedes else None,
        issued_at=issued_at,
    )
    canonical = signing.canonical_json(payload)
    signature = signing.sign(canonical.encode())
    key = signing.key_id()
    pdf = reports.render_pdf(payload, signature=signature, key_id=key)
    pdf_name = default_storage.save(f"reports/{number}.pdf", ContentFile(pdf))
    report = AppraisalReport.objects.create(
        pdf_name=pdf_name,
        number=number,
        case=case,
        version=version,
        supersedes=supersedes,
        payload=payload,
        canonical=canonical,
        signature=signature,
        key_id=key,
        pdf_sha256=reports.sha256(pdf),
        pdf_signature=signing.sign(pdf),
        issued_at=issued_at,
        retain_until=issued_at + dt.timedelta(days=366 * settings.APPRAISAL_RETENTION_YEARS),
    )
    if case.listing_id:
        record_listing_change(case.listing_id)  # the listing's "appraised" badge and search facet
    return report


def issue_report(case: AppraisalCase, *, actor) -> AppraisalReport:
    _require_appraiser(case, actor)
    with transaction.atomic():
        locked = AppraisalCase.objects.select_for_update().get(pk=case.pk)
        _require(
            locked.status == C.VALUED,
            _("Grade and value the item (and pass review if needed) first."),
            "transition",
        )
        _require(
            locked.estimate < settings.APPRAISAL_REVIEW_THRESHOLD or locked.reviewer_id is not None,
            _("A second appraiser must review this case first."),
            "review_required",
        )
        report = _issue(locked, number=_next_number(timezone.now()), version=1, supersedes=None)
        audit.append(
            "appraisal.report_issued",
            {
                "report": report.number,
                "case": locked.pk,
                "listing": locked.listing_id,
                "grade": locked.grade,
                "counterfeit": locked.counterfeit,
            },
        )
        _transition(locked, C.ISSUED, {C.VALUED})
    return report


def amend_report(report: AppraisalReport, *, actor, reason: str) -> AppraisalReport:
    """An amendment is a new signed version that names the one it replaces; the old stays on record."""
    _require_appraiser(report.case, actor)
    _require(not hasattr(report, "superseded_by"), _("Amend the latest version."), "not_latest")
    _require(bool(reason.strip()), _("Say why the report is amended."), "reason")
    with transaction.atomic():
        amended = _issue(
            report.case,
            number=f"{report.number.split('-')[0]}-{report.version + 1}",
            version=report.version + 1,
            supersedes=report,
        )
    return amended


def revoke_report(report: AppraisalReport, *, actor, reason: str) -> AppraisalReport:
    _require(
        is_platform_staff(actor) or report.case.appraiser.user_id == actor.pk,
        _("Only the appraiser or platform staff can revoke a report."),
        "not_allowed",
    )
    _require(bool(reason.strip()), _("Say why the report is revoked."), "reason")
    report.revoked_at = timezone.now()
    report.revocation_reason = reason.strip()[:300]
    report.save(update_fields=["revoked_at", "revocation_reason"])
    if report.case.listing_id:
        record_listing_change(report.case.listing_id)
    return report


def suggest_price(
    *, category: Category, condition: str, brand: str = "", model: str = "", age_months: int = 12
):
    """Market method over sold items, for sellers pricing a listing. None when too few comparables."""
    probe = AppraisalCase(category=category)
    result = valuation.market_value(
        comparables_for(probe, brand, model), condition=condition, age_months=age_months
    )
    return result if isinstance(result, valuation.MarketEstimate) else None


def revise_template(template: InspectionTemplate, *, changes: dict | None = None) -> InspectionTemplate:
    """Copy a template to its next version (the old one stays, for the reports that name it)."""
    with transaction.atomic():
        items = list(template.items.all())
        InspectionTemplate.objects.filter(code=template.code, is_current=True).update(is_current=False)
        revised = InspectionTemplate.objects.create(
            code=template.code,
            version=template.version + 1,
            name=template.name,
            standard=template.standard,
            category=template.category,
            grading_rule=(changes or {}).get("grading_rule", template.grading_rule),
        )
        for item in items:
            item.pk = None
            item.template = revised
            item.save()
    return revised
