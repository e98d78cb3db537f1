"""What a rule found, and the outcome of a set of findings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..models import SEVERITY, Outcome, RiskRule


@dataclass
class Finding:
    rule: RiskRule
    outcome: str
    reason: str
    evidence: dict = field(default_factory=dict)


def decide(findings: Iterable[Finding]) -> str:
    """The most severe outcome among the findings; allow when there are none."""
    return max((f.outcome for f in findings), key=lambda o: SEVERITY[o], default=Outcome.ALLOW)
