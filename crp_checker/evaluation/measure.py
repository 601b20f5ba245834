"""One assessment per labelled case, scored on facts and on mandatory-rule outcomes.

Facts and rules are read from the same `Assessment`, the one every door shows: the evaluation
measures what a user sees, not a side path. A rule's outcome agrees when it is one of the
outcomes the careful reader allows. A *wrong fail* is a mandatory fail the reader does not
allow (a bidder excluded without cause); a *missed fail* is a rule the reader leans to fail
that the checker neither fails nor otherwise gets right.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from crp_checker.evaluation.corpus import Case
from crp_checker.evaluation.fields import compare, document_bytes, invented
from crp_checker.pipeline import assess
from crp_checker.schemas import Assessment


@dataclass
class CaseResult:
    """How one document fared; the `*_misses` lines say what to look at."""

    case: Case
    fields_right: int = 0
    fields_total: int = 0
    invented: list[str] = field(default_factory=list)
    crp_right: bool | None = None
    rules_right: int = 0
    rules_total: int = 0
    wrong_fails: int = 0
    missed_fails: int = 0
    reviews: int = 0
    field_misses: list[str] = field(default_factory=list)
    rule_misses: list[str] = field(default_factory=list)
    error: str | None = None


def _score_facts(result: CaseResult, label: dict[str, object], assessment: Assessment) -> None:
    facts = assessment.facts
    for name, (right, got) in compare(dict(label), facts).items():
        result.fields_total += 1
        if right:
            result.fields_right += 1
        else:
            want = label.get(name, label.get("organisation", label.get("company")))
            result.field_misses.append(f"{name}: label {want!r}, got {got}")
        if name == "is_crp":
            result.crp_right = right
    result.invented = invented(dict(label), facts, result.case.file)


def _score_rules(
    result: CaseResult, labels: dict[str, dict[str, object]], assessment: Assessment
) -> None:
    got = {finding.rule: finding.outcome.value for finding in assessment.findings}
    for rule, label in labels.items():
        allowed = [str(item) for item in label["allowed"]]  # type: ignore[attr-defined]
        outcome = got.get(rule, "missing")
        result.rules_total += 1
        if outcome == "needs_review":
            result.reviews += 1
        if outcome in allowed:
            result.rules_right += 1
            continue
        if outcome == "fail":
            result.wrong_fails += 1
        elif allowed[0] == "fail":
            result.missed_fails += 1
        result.rule_misses.append(f"{rule}: got {outcome}, allowed {' | '.join(allowed)}")
    if result.crp_right is None and "crp-identified" in labels:
        allowed_crp = labels["crp-identified"]["allowed"]
        result.crp_right = got.get("crp-identified") in allowed_crp  # type: ignore[operator]


def measure_case(case: Case) -> CaseResult:
    """Assess one labelled document and score it; an error is recorded, never raised."""
    result = CaseResult(case)
    try:
        assessment = assess(document_bytes(case.path), name=case.path.name)
    except Exception as exc:  # an evaluation reports every failure and goes on
        result.error = f"{type(exc).__name__}: {exc}"
        return result
    if case.facts is not None:
        _score_facts(result, case.facts, assessment)
    if case.rules is not None:
        _score_rules(result, case.rules, assessment)
    return result


def measure(
    cases: Iterable[Case], progress: Callable[[Case], None] | None = None
) -> list[CaseResult]:
    """Every case in order; `progress` is told of each before it is assessed."""
    results = []
    for case in cases:
        if progress is not None:
            progress(case)
        results.append(measure_case(case))
    return results
