"""A bid's effective result: its assessment with the evaluators' moderations applied.

Pure functions over an Assessment and the moderation log, so every door (matrix page, CSV,
XLSX, printed record) shows the same numbers. The stored assessment is never changed: the
original outcome of every finding stays next to the moderated one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from crp_checker import score as scoring
from crp_checker.rules.scope3 import assessment_coverage
from crp_checker.schemas import Assessment, Finding, Outcome, Severity, Verdict
from crp_checker.store.tender_models import MarkingScale, Moderation
from crp_checker.tenders.limits import gate_explanation

GATE_LABELS = {True: "Pass", False: "Fail", None: "Evaluator to decide"}
GATE_VALUES = {True: "pass", False: "fail", None: "needs_review"}
ACTIVE = "active"
WITHDRAWN = "withdrawn"
MARKS_DECIMALS = 2


@dataclass(frozen=True)
class EffectiveFinding:
    """One finding as the evaluation stands: the original, and the moderation that overrides it."""

    finding: Finding
    outcome: Outcome
    moderation: Moderation | None = None

    @property
    def moderated(self) -> bool:
        return self.moderation is not None


@dataclass(frozen=True)
class EffectiveResult:
    """Verdict, gate, grounds, score, band and marks after moderation (RULES.md "Tender marks").

    `gate` is None while a mandatory finding still needs review: the band and marks then wait
    too, because the bid may yet be excluded.
    """

    findings: list[EffectiveFinding]
    verdict: Verdict
    gate: bool | None
    grounds_failed: list[str]
    score: int
    band: int | None
    marks: float | None
    marks_available: float
    moderated: bool
    original_verdict: Verdict
    original_score: int


def latest_moderations(moderations: Iterable[Moderation]) -> dict[str, Moderation]:
    """The last moderation of each rule (the log is in the order it was written)."""
    latest: dict[str, Moderation] = {}
    for moderation in moderations:
        latest[moderation.rule_id] = moderation
    return latest


def gate_and_marks(
    score: int, verdict: Verdict, weight: float, scale: MarkingScale
) -> tuple[bool | None, int | None, float | None]:
    """The gate, the 0-5 band and the weighted marks for one verdict and quality score.

    A failed gate earns nothing on either scale; an undecided one has no band or marks yet.
    """
    gate = scoring.gate_passed(verdict)
    if gate is None:
        return None, None, None
    band = scoring.band(score, gate)
    value = band if scale is MarkingScale.BANDS else (score if gate else 0)
    marks = round(scoring.marks(weight, value, scale.value), MARKS_DECIMALS)
    return gate, band, marks


def effective_result(
    assessment: Assessment,
    moderations: Sequence[Moderation],
    *,
    weight: float,
    scale: MarkingScale,
) -> EffectiveResult:
    """The bid's result with the last moderation of each rule applied.

    Without moderations the stored verdict, score and grounds are used as they are, so the
    matrix agrees with the full report it links to; with any, they are recomputed by score.py
    from the moderated findings.
    """
    latest = latest_moderations(moderations)
    effective = [
        EffectiveFinding(f, latest[f.rule].outcome_after, latest[f.rule])
        if f.rule in latest
        else EffectiveFinding(f, f.outcome)
        for f in assessment.findings
    ]
    if latest:
        moderated = [e.finding.model_copy(update={"outcome": e.outcome}) for e in effective]
        result = scoring.score(moderated, assessment.facts, assessment.settings)
        verdict, score, grounds = result.verdict, result.score, result.grounds_failed
    else:
        verdict, score = assessment.verdict, assessment.score
        grounds = list(assessment.grounds_failed)
    gate, band, marks = gate_and_marks(score, verdict, weight, scale)
    return EffectiveResult(
        findings=effective,
        verdict=verdict,
        gate=gate,
        grounds_failed=grounds,
        score=score,
        band=band,
        marks=marks,
        marks_available=weight,
        moderated=bool(moderations),
        original_verdict=assessment.verdict,
        original_score=assessment.score,
    )


@dataclass(frozen=True)
class Withdrawal:
    """When, by whom and why a bid was withdrawn."""

    at: dt.datetime
    by: str
    reason: str


def rules_with(result: EffectiveResult, outcome: Outcome) -> list[str]:
    """The mandatory rules whose outcome (after moderation) is `outcome`, in rulebook order."""
    return [
        e.finding.rule
        for e in result.findings
        if e.outcome is outcome and e.finding.severity is Severity.MANDATORY
    ]


def scope3_coverage(assessment: Assessment) -> tuple[list[int], list[int]]:
    """(covered, required): the required Scope 3 categories the plan reports or rules out with
    a reason, from the same computation as the scope3-categories rule and the report."""
    coverage = assessment_coverage(assessment)
    return list(coverage.covered), list(coverage.required)


@dataclass(frozen=True)
class MatrixRow:
    """One bid's line in the side-by-side matrix: every door (the tender and bid pages, the
    record, the CSV, the XLSX, the API) writes exactly these values.

    A withdrawn bid keeps its line, marked withdrawn with the reason: its gate and score stay
    as judged, but it is not scored (no band, no marks).
    """

    bid_public_id: str
    assessment_public_id: str
    bidder: str
    source_name: str
    gate: bool | None
    grounds_failed: list[str]
    verdict: Verdict
    quality_score: int
    band: int | None
    marks: float | None
    marks_available: float
    net_zero_year: int | None
    baseline_year: int | None
    baseline_label: str | None
    scope3_covered: list[int]
    scope3_required: list[int]
    moderated: bool
    moderation_count: int
    original_verdict: Verdict
    original_score: int
    # Added by issue 14; rows finalised before it read with these defaults.
    status: str = ACTIVE
    withdrawn_reason: str | None = None
    withdrawn_at: dt.datetime | None = None
    withdrawn_by: str | None = None
    version: int = 1
    gate_explanation: str = ""
    rules_failed: list[str] = field(default_factory=list)
    rules_to_review: list[str] = field(default_factory=list)

    @property
    def withdrawn(self) -> bool:
        return self.status == WITHDRAWN

    @property
    def gate_label(self) -> str:
        return GATE_LABELS[self.gate]

    @property
    def gate_value(self) -> str:
        """pass, fail or needs_review: the gate as the API and the exports name it."""
        return GATE_VALUES[self.gate]

    @property
    def status_text(self) -> str:
        """ "Active", or "Withdrawn: <reason>" for the exports."""
        if not self.withdrawn:
            return "Active"
        return f"Withdrawn: {self.withdrawn_reason or 'no reason recorded'}"

    @property
    def grounds_text(self) -> str:
        """The failed PPN 006 grounds as "(a), (e)"; empty when none failed."""
        return ", ".join(f"({ground})" for ground in self.grounds_failed)

    @property
    def scope3_text(self) -> str:
        """ "3 of 5 (4, 6, 7)": required categories covered, and which."""
        covered = ", ".join(str(number) for number in self.scope3_covered) or "none"
        return f"{len(self.scope3_covered)} of {len(self.scope3_required)} ({covered})"

    def to_json(self) -> dict[str, Any]:
        """Plain JSON values, for the snapshot a finalised tender keeps."""
        values = asdict(self)
        if self.withdrawn_at is not None:
            values["withdrawn_at"] = self.withdrawn_at.isoformat()
        return values

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> MatrixRow:
        """A row back from a finalised tender's snapshot (unknown keys are ignored, missing
        newer ones take their defaults)."""
        known = {f.name for f in fields(cls)}
        values = {key: value for key, value in data.items() if key in known}
        values["verdict"] = Verdict(values["verdict"])
        values["original_verdict"] = Verdict(values["original_verdict"])
        if values.get("withdrawn_at"):
            values["withdrawn_at"] = dt.datetime.fromisoformat(values["withdrawn_at"])
        return cls(**values)


def matrix_row(
    *,
    bid_public_id: str,
    assessment_public_id: str,
    bidder: str,
    assessment: Assessment,
    result: EffectiveResult,
    moderation_count: int,
    version: int = 1,
    withdrawal: Withdrawal | None = None,
) -> MatrixRow:
    """The matrix line for one bid from its assessment and effective result; a withdrawn bid
    keeps its gate and score but is not scored."""
    covered, required = scope3_coverage(assessment)
    baseline = assessment.facts.baseline
    withdrawn = withdrawal is not None
    return MatrixRow(
        bid_public_id=bid_public_id,
        assessment_public_id=assessment_public_id,
        bidder=bidder,
        source_name=assessment.source.name,
        gate=result.gate,
        grounds_failed=list(result.grounds_failed),
        verdict=result.verdict,
        quality_score=result.score,
        band=None if withdrawn else result.band,
        marks=None if withdrawn else result.marks,
        marks_available=result.marks_available,
        net_zero_year=assessment.facts.net_zero_year,
        baseline_year=baseline.end_year,
        baseline_label=baseline.label,
        scope3_covered=covered,
        scope3_required=required,
        moderated=result.moderated,
        moderation_count=moderation_count,
        original_verdict=result.original_verdict,
        original_score=result.original_score,
        status=WITHDRAWN if withdrawn else ACTIVE,
        withdrawn_reason=withdrawal.reason if withdrawal else None,
        withdrawn_at=withdrawal.at if withdrawal else None,
        withdrawn_by=withdrawal.by if withdrawal else None,
        version=version,
        gate_explanation=gate_explanation(
            result.gate, [(e.finding, e.outcome) for e in result.findings], assessment.settings
        ),
        rules_failed=rules_with(result, Outcome.FAIL),
        rules_to_review=rules_with(result, Outcome.NEEDS_REVIEW),
    )
