"""Appraisal cases from request to inspection: asking, assigning, recording each check, declining."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from listings.models import Category, Listing
from marketplace.accounts.permissions import is_platform_staff
from media.models import Photo
from media.services import store_photo

from ..errors import AppraisalError
from ..models import AppraisalCase, Appraiser, DefectCode, InspectionResult
from ..permissions import conflict_of_interest
from .templates import template_for
from .transitions import move

C = AppraisalCase.Status


def require_appraiser(case: AppraisalCase, actor) -> None:
    """Only the case's own appraiser, with a certificate active today, works on it."""
    AppraisalError.require(
        case.appraiser_id is not None and case.appraiser.user_id == actor.pk,
        _("Only the assigned appraiser can do this."),
        "not_appraiser",
    )
    AppraisalError.require(case.appraiser.is_active(), _("Your certificate is not active."), "inactive")


def request_appraisal(
    owner, *, listing: Listing | None = None, item_name: str = "", category: Category | None = None
) -> AppraisalCase:
    """A seller asks for an item (a listing of theirs, or an item at a swap-event desk) to be appraised."""
    if listing is not None:
        AppraisalError.require(
            listing.seller_id == owner.pk,
            _("You can only ask for your own items to be appraised."),
            "not_owner",
        )
        item_name, category = listing.title, listing.category
    AppraisalError.require(
        bool(item_name) and category is not None, _("Name the item and its category."), "incomplete"
    )
    return AppraisalCase.objects.create(
        listing=listing,
        owner=owner,
        item_name=item_name[:100],
        category=category,
        template=template_for(category),
    )


def assign_case(case: AppraisalCase, *, appraiser: Appraiser, actor) -> AppraisalCase:
    """Staff assign, or an appraiser takes a case; certificate, speciality and conflicts are checked."""
    AppraisalError.require(
        is_platform_staff(actor) or actor.pk == appraiser.user_id,
        _("You cannot assign this case."),
        "not_allowed",
    )
    AppraisalError.require(
        appraiser.is_active(), _("This appraiser's certificate is not active."), "inactive"
    )
    AppraisalError.require(
        appraiser.covers_case(case), _("This appraiser is not certified for this category."), "speciality"
    )
    AppraisalError.require(
        not conflict_of_interest(appraiser, case),
        _("Conflict of interest: the appraiser is the owner or a related account."),
        "conflict",
    )
    # Appraisers take waiting cases only; reassigning a case in progress is for platform staff.
    expect = {C.REQUESTED, C.ASSIGNED} if is_platform_staff(actor) else {C.REQUESTED}
    with transaction.atomic():
        return move(case, C.ASSIGNED, actor=actor, expect=expect, appraiser=appraiser)


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
    held: Photo | None = None,
) -> InspectionResult:
    """Record one check. A downgrade (a failed check or points taken off) must cite a defect code
    from the published schedule and carry an evidence photo: no price cut without a reason shown.
    `held` is a photo kept from a refused attempt at this check (see `hold_evidence`)."""
    require_appraiser(case, actor)
    AppraisalError.require(
        case.status in (C.ASSIGNED, C.INSPECTED), _("Inspection is closed for this case."), "transition"
    )
    item = case.template.items.filter(code=item_code).first()
    AppraisalError.require(item is not None, _("That check is not part of this template."), "unknown_item")
    if item.kind == "score":
        AppraisalError.require(
            score is not None and 0 <= Decimal(score) <= item.max_score,
            _("Give a score from 0 to %(max)s.") % {"max": item.max_score},
            "score",
        )
    if item.kind == "pass_fail":
        AppraisalError.require(passed is not None, _("Say whether the check passed."), "passed")
    downgrade = passed is False or (item.kind == "score" and Decimal(score) < item.max_score)
    defect = None
    if downgrade:
        top = case.category.path.split("/")[0]
        schedule = DefectCode.objects.filter(category__path__in=[top, "other"])
        defect = schedule.filter(code=defect_code).first()
        AppraisalError.require(
            defect is not None,
            _("A downgrade must cite a defect code from the published schedule."),
            "defect",
        )
    evidence = None
    if photo:
        evidence = store_photo(actor, photo)
    elif held is not None:
        AppraisalError.require(held.owner_id == actor.pk, _("That photo is not yours."), "evidence")
        evidence = held
    existing = InspectionResult.objects.filter(case=case, item=item).first()
    AppraisalError.require(
        evidence is not None or not (downgrade or item.photo_required) or (existing and existing.evidence_id),
        _("Add an evidence photo for this check."),
        "evidence",
    )
    with transaction.atomic():
        if case.status == C.INSPECTED:
            # A result changed after grading: the grade no longer holds, grade again before valuing.
            move(
                case,
                C.ASSIGNED,
                actor=actor,
                expect={C.INSPECTED},
                grade="",
                score=None,
                counterfeit=False,
                grading_reasons=[],
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


def hold_evidence(case: AppraisalCase, *, actor, photo: bytes) -> Photo:
    """Keep the evidence photo of a check that was refused for another reason, so the appraiser does
    not have to take it again; it becomes evidence when the check is saved. Raises PhotoRejected."""
    require_appraiser(case, actor)
    return store_photo(actor, photo)


def decline_case(case: AppraisalCase, *, actor) -> AppraisalCase:
    """The owner does not accept the grade or value and takes the item back, owing nothing more."""
    AppraisalError.require(case.owner_id == actor.pk, _("Only the owner can decline."), "not_owner")
    with transaction.atomic():
        return move(case, C.DECLINED, actor=actor)
