"""Turning inspection results into a grade, by the rule the template names. Pure functions.

Rules (stored on each template version as data):
- vehicle_gbt30323: score out of 100; 一级 ≥ 90, 二级 60–89, 三级 20–59, 四级 < 20; 五级 for an
  accident car (any accident-structure item failed) whatever the score (GB/T 30323-2013).
- thresholds: score bands in descending order, e.g. phones 准新/99新/95新/9成新/8成新/7成新及以下;
  a failed critical item (activation lock, water damage…) caps the grade at `critical_grade`.
- authenticity: luxury goods; any failed authenticity checkpoint is a counterfeit verdict.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class ItemSpec:
    code: str
    kind: str  # pass_fail | score | measurement | photo
    weight: Decimal
    max_score: Decimal = Decimal(10)
    accident: bool = False  # an accident-structure item (GB/T 30323 Annex: 事故车 判定)
    critical: bool = False
    authenticity: bool = False


@dataclass(frozen=True)
class ItemResult:
    code: str
    passed: bool | None = None
    score: Decimal | None = None


@dataclass
class Grade:
    label: str
    score: Decimal
    counterfeit: bool = False
    reasons: list[str] = field(default_factory=list)


class IncompleteInspection(ValueError):
    pass


def weighted_score(specs: list[ItemSpec], results: dict[str, ItemResult]) -> Decimal:
    """Σ weight × (score / max, or 1 for a pass) over scored items, scaled to 100."""
    total_weight = sum((s.weight for s in specs if s.kind in ("pass_fail", "score")), Decimal(0))
    if not total_weight:
        return HUNDRED
    earned = Decimal(0)
    for spec in specs:
        result = results.get(spec.code)
        if spec.kind not in ("pass_fail", "score"):
            continue
        if result is None or (result.passed is None and result.score is None):
            raise IncompleteInspection(f"item {spec.code} has no result")
        if spec.kind == "score":
            score = min(max(Decimal(result.score), Decimal(0)), spec.max_score)
            earned += spec.weight * score / spec.max_score
        elif result.passed:
            earned += spec.weight
    return (earned / total_weight * HUNDRED).quantize(Decimal("0.1"))


def _failed(specs: list[ItemSpec], results: dict[str, ItemResult], flag: str) -> list[str]:
    return [
        spec.code
        for spec in specs
        if getattr(spec, flag) and results.get(spec.code) is not None and results[spec.code].passed is False
    ]


def grade(rule: dict, specs: list[ItemSpec], results: dict[str, ItemResult]) -> Grade:
    kind = rule["kind"]
    if kind == "authenticity":
        failed = _failed(specs, results, "authenticity")
        unchecked = [
            s.code
            for s in specs
            if s.authenticity and (s.code not in results or results[s.code].passed is None)
        ]
        if failed:
            return Grade(
                rule.get("counterfeit_label", "仿冒"),
                Decimal(0),
                counterfeit=True,
                reasons=[f"authenticity checkpoint failed: {code}" for code in failed],
            )
        if unchecked:
            return Grade(
                rule.get("undetermined_label", "无法判定"),
                Decimal(0),
                reasons=[f"not checked: {code}" for code in unchecked],
            )
        return Grade(rule.get("authentic_label", "未见异常"), weighted_score(specs, results))

    score = weighted_score(specs, results)
    if kind == "vehicle_gbt30323":
        accidents = _failed(specs, results, "accident")
        if accidents:
            return Grade("五级", score, reasons=[f"accident-structure defect: {code}" for code in accidents])
        for minimum, label in ((90, "一级"), (60, "二级"), (20, "三级")):
            if score >= minimum:
                return Grade(label, score)
        return Grade("四级", score)

    if kind == "thresholds":
        bands = [(Decimal(str(minimum)), label) for minimum, label in rule["bands"]]
        label = next((label for minimum, label in bands if score >= minimum), bands[-1][1])
        critical = _failed(specs, results, "critical")
        reasons = []
        if critical and rule.get("critical_grade"):
            labels = [label for _minimum, label in bands]
            cap = rule["critical_grade"]
            if labels.index(label) < labels.index(cap):
                label = cap
            reasons = [f"critical item failed: {code}" for code in critical]
        return Grade(label, score, reasons=reasons)
    raise ValueError(f"unknown grading rule {kind!r}")


# Reasons are stored as "<what>: <item code>"; readers get the words and the check's label.
REASON_WORDS = {
    "authenticity checkpoint failed": _("Authenticity checkpoint failed: %(check)s"),
    "not checked": _("Not checked: %(check)s"),
    "accident-structure defect": _("Accident-structure defect: %(check)s"),
    "critical item failed": _("Critical check failed: %(check)s"),
}


def describe_reasons(reasons: list[str], labels: dict[str, str]) -> list[str]:
    """Stored reasons ("critical item failed: power_on") in the reader's words ("关键项不合格：开机正常")."""
    described = []
    for reason in reasons:
        what, _sep, code = reason.partition(": ")
        words = REASON_WORDS.get(what)
        described.append(str(words % {"check": labels.get(code, code)}) if words else reason)
    return described
