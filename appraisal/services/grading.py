"""Grading a case by its template's rule; a counterfeit verdict blocks the listing and is signalled."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from listings import actions as listing_actions
from listings.models import Listing

from .. import grading as rules
from .. import signals
from ..errors import AppraisalError
from ..models import AppraisalCase
from .cases import require_appraiser
from .transitions import move

C = AppraisalCase.Status


def grade_case(case: AppraisalCase, *, actor) -> AppraisalCase:
    """Apply the template's rule. A counterfeit verdict blocks the listing and sends
    `counterfeit_verdict` (the regulator's receiver raises the flag) in the same transaction."""
    require_appraiser(case, actor)
    specs = [
        rules.ItemSpec(i.code, i.kind, i.weight, i.max_score, i.accident, i.critical, i.authenticity)
        for i in case.template.items.all()
    ]
    results = {
        r.item.code: rules.ItemResult(r.item.code, r.passed, r.score)
        for r in case.results.select_related("item")
    }
    try:
        graded = rules.grade(case.template.grading_rule, specs, results)
    except rules.IncompleteInspection as exc:
        raise AppraisalError(
            _("Record every check first (%(detail)s).") % {"detail": exc}, code="incomplete"
        ) from None
    with transaction.atomic():
        case = move(
            case,
            C.INSPECTED,
            actor=actor,
            grade=graded.label,
            score=graded.score,
            counterfeit=graded.counterfeit,
            grading_reasons=graded.reasons,
        )
        if graded.counterfeit:
            listing = _block_counterfeit(case, actor=actor)
            signals.counterfeit_verdict.send(
                sender=AppraisalCase,
                case=case,
                listing=listing,
                actor=actor,
                grade=graded.label,
                reasons=graded.reasons,
            )
    return case


def _block_counterfeit(case: AppraisalCase, *, actor) -> Listing | None:
    """Block the case's listing unless the table forbids it (a sale stays the record of the sale)."""
    if not case.listing_id:
        return None
    listing = Listing.objects.select_related("community__street__district").get(pk=case.listing_id)
    if listing_actions.allows(listing, Listing.Status.BLOCKED):
        listing_actions.block(
            listing,
            actor=actor,
            reason=str(_("Counterfeit verdict in appraisal case %(pk)s") % {"pk": case.pk}),
        )
    return listing
