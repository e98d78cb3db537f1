"""Writes for appraisal: agencies and appraisers, cases through inspection, grading, valuation,
second review, signed reports, amendments and revocation. Nothing else changes a case's status."""

from .agencies import register_appraiser
from .cases import assign_case, decline_case, hold_evidence, record_result, request_appraisal
from .grading import grade_case
from .reports import amend_report, issue_report, revoke_report
from .templates import revise_template, template_for
from .transitions import move
from .valuing import comparables_for, record_sale, review_case, suggest_price, value_case

__all__ = [
    "amend_report",
    "assign_case",
    "comparables_for",
    "decline_case",
    "grade_case",
    "hold_evidence",
    "issue_report",
    "move",
    "record_result",
    "record_sale",
    "register_appraiser",
    "request_appraisal",
    "review_case",
    "revise_template",
    "revoke_report",
    "suggest_price",
    "template_for",
    "value_case",
]
