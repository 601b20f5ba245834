"""From findings to a verdict, a quality score, a maturity level and tender marks (RULES.md)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from crp_checker.rules.scope3 import scope3_coverage
from crp_checker.schemas import BuyerSettings, Facts, Finding, Outcome, Severity, Verdict

WEIGHTS = {Severity.MANDATORY: 2.0, Severity.GOOD_PRACTICE: 1.0}
# needs_review counts as 0: the score measures what the checker could confirm, so an unreadable
# plan cannot score well on the few checks left; an evaluator's review can raise it.
CREDIT = {
    Outcome.PASS: 1.0,
    Outcome.PARTIAL: 0.5,
    Outcome.FAIL: 0.0,
    Outcome.NEEDS_REVIEW: 0.0,
}
# The rule whose fail means there is no plan to judge (RULES.md crp-identified).
NOT_A_CRP_RULE = "crp-identified"
MATURITY_NAMES = {1: "Not started", 2: "Starting", 3: "Compliant", 4: "Advanced", 5: "Leading"}
# Lower edges of the public-sector 0-5 bands (RULES.md "Tender marks"), highest first.
BAND_EDGES = ((90, 5), (75, 4), (60, 3), (40, 2))


@dataclass(frozen=True)
class ScoreResult:
    """What the scoring stage adds to an Assessment."""

    verdict: Verdict
    score: int
    maturity: int
    maturity_name: str
    grounds_failed: list[str] = field(default_factory=list)


def _scored(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity in WEIGHTS]


def verdict(findings: list[Finding]) -> Verdict:
    """No plan at all, then any mandatory fail, then any mandatory needs_review, then any gap,
    decides the verdict.

    A gap is a partial or fail of a scored rule, or a good-practice rule left for review.
    """
    if any(f.rule == NOT_A_CRP_RULE and f.outcome is Outcome.FAIL for f in findings):
        return Verdict.NOT_A_CRP
    mandatory = [f.outcome for f in findings if f.severity is Severity.MANDATORY]
    if Outcome.FAIL in mandatory:
        return Verdict.NON_COMPLIANT
    if Outcome.NEEDS_REVIEW in mandatory:
        return Verdict.NEEDS_REVIEW
    gaps = {Outcome.PARTIAL, Outcome.FAIL, Outcome.NEEDS_REVIEW}
    if any(f.outcome in gaps for f in _scored(findings)):
        return Verdict.COMPLIANT_WITH_GAPS
    return Verdict.COMPLIANT


def quality_score(findings: list[Finding]) -> int:
    """0-100: pass 1, partial 0.5, fail and needs_review 0; mandatory rules weigh double.

    not_applicable and info rules are left out; with nothing left to score the score is 0.
    """
    counted = [f for f in _scored(findings) if f.outcome in CREDIT]
    possible = sum(WEIGHTS[f.severity] for f in counted)
    if not possible:
        return 0
    earned = sum(WEIGHTS[f.severity] * CREDIT[f.outcome] for f in counted)
    return math.floor(earned / possible * 100 + 0.5)


def grounds_failed(findings: list[Finding]) -> list[str]:
    """The PPN 006 exclusion grounds (a)-(e) behind the mandatory fails."""
    return sorted(
        {
            ground
            for f in findings
            if f.severity is Severity.MANDATORY and f.outcome is Outcome.FAIL
            for ground in f.serves
        }
    )


def _has_values_for_all(facts: Facts, required: list[int]) -> bool:
    """Every required Scope 3 category has a figure (ruled out with a reason does not count)."""
    coverage = scope3_coverage(facts, required)
    return coverage.reported == coverage.required


def maturity(findings: list[Finding], facts: Facts, buyer: BuyerSettings) -> int:
    """The level 1-5 that tells a supplier its next step (RULES.md "Maturity level")."""
    outcome = {f.rule: f.outcome for f in findings}

    def passed(*rule_ids: str) -> bool:
        return all(outcome.get(rule_id) is Outcome.PASS for rule_id in rule_ids)

    figures = any(
        getattr(period, name) is not None
        for period in (facts.baseline, facts.current)
        for name in ("scope1", "scope2", "scope3", "total")
    )
    net_zero = facts.net_zero_strength is not None or facts.net_zero_year is not None
    if not facts.is_crp or outcome.get("crp-identified") is Outcome.FAIL:
        return 1
    if not net_zero and not figures:
        return 1
    mandatory = [f.outcome for f in findings if f.severity is Severity.MANDATORY]
    if Outcome.FAIL in mandatory or Outcome.NEEDS_REVIEW in mandatory:
        return 2
    advanced = passed(
        "reduction-targets", "interim-milestone", "totals-add-up"
    ) and _has_values_for_all(facts, buyer.required_scope3_categories)
    if not advanced:
        return 3
    if passed("local-ambition", "on-track"):
        return 5
    return 4


def score(findings: list[Finding], facts: Facts, buyer: BuyerSettings) -> ScoreResult:
    """Verdict, quality score, maturity and the failed PPN grounds for one set of findings."""
    level = maturity(findings, facts, buyer)
    result = verdict(findings)
    return ScoreResult(
        verdict=result,
        # A document that is not a plan has no plan quality to score: 0, not a weak plan's 30.
        score=0 if result is Verdict.NOT_A_CRP else quality_score(findings),
        maturity=level,
        maturity_name=MATURITY_NAMES[level],
        grounds_failed=grounds_failed(findings),
    )


def gate_passed(result: Verdict) -> bool | None:
    """The condition of participation: False excludes, None waits for an evaluator's decision."""
    if result in (Verdict.NON_COMPLIANT, Verdict.NOT_A_CRP):
        return False
    if result is Verdict.NEEDS_REVIEW:
        return None
    return True


def band(score: int, gate_passed: bool) -> int:
    """The common public-sector 0-5 band for a quality score; 0 when the gate failed."""
    if not 0 <= score <= 100:
        raise ValueError(f"score must be 0-100, got {score}")
    if not gate_passed:
        return 0
    return next((level for edge, level in BAND_EDGES if score >= edge), 1)


def marks(weight: float, band_or_score: float, scale: Literal["0-5", "0-100"]) -> float:
    """Tender marks: criterion weight x band / 5, or x score / 100 on a 0-100 scale."""
    top = 5.0 if scale == "0-5" else 100.0
    if not 0 <= band_or_score <= top:
        raise ValueError(f"a {scale} value must be between 0 and {top:g}, got {band_or_score}")
    return weight * band_or_score / top
