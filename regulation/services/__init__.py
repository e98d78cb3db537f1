"""Writes for the regulator side, by job: flags and decisions, unmasking, IP notice-and-takedown,
reports to the bureau. Every regulator-relevant change appends to the audit log in its transaction."""

from ..errors import RegulationError
from .bureau_reports import due_half_yearly_reports, half_year, identity_report, leads_report
from .flags import (
    decide,
    decide_many,
    flags_decidable_by,
    flags_visible_to,
    listing_snapshot,
    lock_listing,
    may_decide,
    may_flag,
    raise_flag,
    raise_flag_as_regulator,
    seller_summary,
)
from .ip_notices import (
    OPEN_NOTICE,
    counter_declare,
    file_notice,
    may_uphold,
    published_outcomes,
    record_complaint,
    register_rights_holder,
    restore_expired_notices,
    uphold_notice,
    verify_rights_holder,
    withdraw_notice,
)
from .reversals import may_reverse, reverse_takedown
from .unmasking import unmask

__all__ = [
    "OPEN_NOTICE",
    "RegulationError",
    "counter_declare",
    "decide",
    "decide_many",
    "due_half_yearly_reports",
    "file_notice",
    "flags_decidable_by",
    "flags_visible_to",
    "half_year",
    "identity_report",
    "leads_report",
    "listing_snapshot",
    "lock_listing",
    "may_decide",
    "may_flag",
    "may_reverse",
    "may_uphold",
    "published_outcomes",
    "raise_flag",
    "raise_flag_as_regulator",
    "record_complaint",
    "register_rights_holder",
    "restore_expired_notices",
    "reverse_takedown",
    "seller_summary",
    "unmask",
    "uphold_notice",
    "verify_rights_holder",
    "withdraw_notice",
]
