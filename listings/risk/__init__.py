"""The risk engine: rules (data) applied to a listing or a message, producing findings.

Reads only; `listings.services` stores the assessment and acts on its outcome. Text is matched
after normalisation (`risk.text`); behaviour is judged by the built-in checks (`risk.checks`).
"""

from __future__ import annotations

import re

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Listing, Outcome, RiskRule
from .checks import CHECKS
from .findings import Finding, decide
from .text import IDENTIFIER_KEYS, NormalisedText, keyword_match, listing_text, normalise

__all__ = [
    "IDENTIFIER_KEYS",
    "Finding",
    "assess_listing",
    "assess_message",
    "decide",
    "listing_text",
    "normalise",
]


def active_rules(scope: str) -> list[RiskRule]:
    scopes = [scope, RiskRule.Scope.BOTH]
    return list(RiskRule.objects.filter(is_active=True, scope__in=scopes))


def _text_findings(rule: RiskRule, text: NormalisedText, outcome: str) -> list[Finding]:
    if rule.kind == RiskRule.Kind.KEYWORDS:
        matched = [term for term in rule.term_list() if keyword_match(term, text)]
        if matched:
            return [
                Finding(
                    rule,
                    outcome,
                    _("Contains “%(terms)s”") % {"terms": "”, “".join(matched)},
                    {"matched": matched},
                )
            ]
    elif rule.kind == RiskRule.Kind.PATTERN:
        matched = []
        for pattern in rule.term_list():
            found = re.search(pattern, text.compact) or re.search(pattern, text.plain)
            if found:
                matched.append(found.group(0))
        if matched:
            return [
                Finding(
                    rule,
                    outcome,
                    _("Matches “%(found)s”") % {"found": "”, “".join(matched)},
                    {"matched": matched},
                )
            ]
    return []


def assess_message(body: str) -> list[Finding]:
    """Messages are delivered, but a hit warns the reader (contact or payment moved off the platform)."""
    text = normalise(body)
    findings = []
    for rule in active_rules(RiskRule.Scope.MESSAGES):
        if rule.kind != RiskRule.Kind.CHECK:
            findings += _text_findings(rule, text, Outcome.WARN)
    return findings


def assess_listing(listing: Listing, *, now=None) -> list[Finding]:
    now = now or timezone.now()
    text = normalise(listing_text(listing))
    findings: list[Finding] = []
    for rule in active_rules(RiskRule.Scope.LISTINGS):
        if rule.kind == RiskRule.Kind.CHECK:
            check = CHECKS.get(rule.check_name)
            if check is not None:
                finding = check(rule, listing, now)
                if finding:
                    findings.append(finding)
        else:
            findings += _text_findings(rule, text, rule.outcome)
    return findings
