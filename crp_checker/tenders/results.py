"""A bid's effective result: its assessment with the evaluators' moderations applied.

Pure functions over an Assessment and the moderation log, so every door (matrix page, CSV,
XLSX, printed record) shows the same numbers. The stored assessment is never changed: the
original outcome of every finding stays next to the moderated one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any

from crp_checker import score as scoring
from crp_checker.rules.scope3 import assessment_coverage
from crp_checker.schemas import Assessment, Finding, Outcome, Verdict
from crp_checker.store.tender_models import MarkingScale, Moderation

GATE_LABELS = {True: "Pass", False: "Fail", None: "Evaluator to decide"}
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


def scope3_coverage(assessment: Assessment) -> tuple[list[int], list[int]]:
    """(covered, required): the required Scope 3 categories the plan reports or rules out with
    a reason, from the same computation as the scope3-categories rule and the report."""
    coverage = assessment_coverage(assessment)
    return list(coverage.covered), list(coverage.required)


@dataclass(frozen=True)
class MatrixRow:
    """One bidder's line in the side-by-side matrix; exports write exactly these values."""

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

    @property
    def gate_label(self) -> str:
        return GATE_LABELS[self.gate]

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
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> MatrixRow:
        """A row back from a finalised tender's snapshot (unknown keys are ignored)."""
        known = {f.name for f in fields(cls)}
        values = {key: value for key, value in data.items() if key in known}
        values["verdict"] = Verdict(values["verdict"])
        values["original_verdict"] = Verdict(values["original_verdict"])
        return cls(**values)


def matrix_row(
    *,
    bid_public_id: str,
    assessment_public_id: str,
    bidder: str,
    assessment: Assessment,
    result: EffectiveResult,
    moderation_count: int,
) -> MatrixRow:
    """The matrix line for one bid from its assessment and effective result."""
    covered, required = scope3_coverage(assessment)
    baseline = assessment.facts.baseline
    return MatrixRow(
        bid_public_id=bid_public_id,
        assessment_public_id=assessment_public_id,
        bidder=bidder,
        source_name=assessment.source.name,
        gate=result.gate,
        grounds_failed=list(result.grounds_failed),
        verdict=result.verdict,
        quality_score=result.score,
        band=result.band,
        marks=result.marks,
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
    )
