"""The appraisal case state machine: every status change goes through `move`, which records it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from marketplace.core.transitions import StateMachine

from ..errors import AppraisalError
from ..models import TRANSITIONS, AppraisalCase, AppraisalCaseStatusChange

MACHINE = StateMachine(
    model=AppraisalCase,
    table=TRANSITIONS,
    error=AppraisalError,
    history=AppraisalCaseStatusChange,
    history_fk="case",
)


def move(
    case: AppraisalCase,
    new_status: str,
    *,
    actor=None,
    reason: str = "",
    expect: set[str] | None = None,
    **fields,
) -> AppraisalCase:
    """Move a case under its row lock (call inside `atomic()`). `expect` narrows the table to the
    statuses this step may start from (re-grading is not a reason to reassign, for instance)."""
    if expect is not None:
        current = AppraisalCase.objects.select_for_update().get(pk=case.pk)
        AppraisalError.require(
            current.status in expect,
            _("This case is %(status)s; that step is not possible now.")
            % {"status": current.get_status_display()},
            "transition",
        )
    return MACHINE.move(case, new_status, actor=actor, reason=reason, **fields)
