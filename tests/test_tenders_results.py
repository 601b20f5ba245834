"""Tests for crp_checker.tenders.results: moderations applied, gate, band, marks (no database)."""

from __future__ import annotations

import pytest
from factories import make_assessment

from crp_checker.schemas import Outcome, Verdict
from crp_checker.store.tender_models import MarkingScale, Moderation
from crp_checker.tenders.results import (
    MatrixRow,
    effective_result,
    gate_and_marks,
    matrix_row,
    scope3_coverage,
)


def _moderation(rule: str, before: Outcome, after: Outcome, reason: str = "checked") -> Moderation:
    return Moderation(rule_id=rule, outcome_before=before, outcome_after=after, reason=reason)


def test_without_moderation_the_stored_result_is_used_and_a_failed_gate_earns_nothing() -> None:
    assessment = make_assessment()  # non_compliant, stored score 55, grounds a and b
    result = effective_result(assessment, [], weight=10, scale=MarkingScale.BANDS)
    assert (result.verdict, result.score, result.grounds_failed) == (
        Verdict.NON_COMPLIANT,
        55,
        ["a", "b"],
    )
    assert (result.gate, result.band, result.marks, result.moderated) == (False, 0, 0.0, False)
    assert all(e.outcome is e.finding.outcome and e.moderation is None for e in result.findings)


def test_moderating_the_fails_leaves_the_gate_to_the_evaluator_until_review_is_done() -> None:
    assessment = make_assessment()
    fixes = [
        _moderation("net-zero-year", Outcome.FAIL, Outcome.PASS),
        _moderation("current-emissions", Outcome.FAIL, Outcome.PASS),
    ]
    pending = effective_result(assessment, fixes, weight=10, scale=MarkingScale.BANDS)
    assert pending.verdict is Verdict.NEEDS_REVIEW  # signatory is still needs_review
    assert (pending.gate, pending.band, pending.marks) == (None, None, None)
    assert pending.grounds_failed == []

    decided = [*fixes, _moderation("signatory", Outcome.NEEDS_REVIEW, Outcome.PASS)]
    bands = effective_result(assessment, decided, weight=10, scale=MarkingScale.BANDS)
    # Mandatory 12/12, good practice 1.5/2: 13.5 / 14 = 96.4 -> 96, band 5, full marks.
    assert (bands.verdict, bands.gate, bands.score, bands.band) == (
        Verdict.COMPLIANT_WITH_GAPS,
        True,
        96,
        5,
    )
    assert bands.marks == 10.0
    points = effective_result(assessment, decided, weight=15, scale=MarkingScale.SCORE)
    assert points.marks == pytest.approx(14.4)  # 15 x 96 / 100
    assert (points.original_verdict, points.original_score) == (Verdict.NON_COMPLIANT, 55)
    original = {f.rule: f.outcome for f in assessment.findings}
    assert original["net-zero-year"] is Outcome.FAIL  # the assessment itself is unchanged


def test_the_last_moderation_of_a_rule_wins() -> None:
    assessment = make_assessment()
    log = [
        _moderation("net-zero-year", Outcome.FAIL, Outcome.PASS, "first look"),
        _moderation("net-zero-year", Outcome.PASS, Outcome.FAIL, "second look: 2060 is late"),
    ]
    result = effective_result(assessment, log, weight=10, scale=MarkingScale.BANDS)
    finding = next(e for e in result.findings if e.finding.rule == "net-zero-year")
    assert finding.outcome is Outcome.FAIL and finding.moderation is log[1]
    assert result.gate is False and result.moderated
    assert "a" in result.grounds_failed


@pytest.mark.parametrize(
    ("score", "verdict", "scale", "expected"),
    [
        (90, Verdict.COMPLIANT, MarkingScale.BANDS, (True, 5, 20.0)),
        (89, Verdict.COMPLIANT, MarkingScale.BANDS, (True, 4, 16.0)),
        (39, Verdict.COMPLIANT_WITH_GAPS, MarkingScale.BANDS, (True, 1, 4.0)),
        (73, Verdict.COMPLIANT, MarkingScale.SCORE, (True, 3, 14.6)),
        (95, Verdict.NON_COMPLIANT, MarkingScale.SCORE, (False, 0, 0.0)),
        (95, Verdict.NEEDS_REVIEW, MarkingScale.BANDS, (None, None, None)),
    ],
)
def test_gate_band_and_marks_follow_the_rulebook(
    score: int,
    verdict: Verdict,
    scale: MarkingScale,
    expected: tuple[bool | None, int | None, float | None],
) -> None:
    assert gate_and_marks(score, verdict, 20, scale) == expected


def test_scope3_coverage_counts_required_categories_reported_or_ruled_out() -> None:
    # 4 and 6 are only named (no figure), 7 is ruled out with a reason: only 7 counts.
    assert scope3_coverage(make_assessment()) == ([7], [4, 5, 6, 7, 9])


def test_a_matrix_row_survives_the_json_snapshot() -> None:
    assessment = make_assessment()
    result = effective_result(assessment, [], weight=10, scale=MarkingScale.BANDS)
    row = matrix_row(
        bid_public_id="b" * 32,
        assessment_public_id="a" * 32,
        bidder="Acme Widgets Ltd",
        assessment=assessment,
        result=result,
        moderation_count=0,
    )
    assert (row.gate_label, row.grounds_text, row.scope3_text) == (
        "Fail",
        "(a), (b)",
        "1 of 5 (7)",
    )
    assert (row.net_zero_year, row.baseline_year, row.baseline_label) == (2060, 2020, "FY2019/20")
    assert MatrixRow.from_json(row.to_json()) == row


def test_a_bid_that_is_not_a_plan_fails_the_gate_as_no_plan_and_an_override_rejudges_it() -> None:
    base = make_assessment()
    findings = [
        f.model_copy(update={"outcome": Outcome.FAIL}) if f.rule == "crp-identified" else f
        for f in base.findings
    ]
    assessment = base.model_copy(
        update={"findings": findings, "verdict": Verdict.NOT_A_CRP, "score": 0}
    )
    result = effective_result(assessment, [], weight=10, scale=MarkingScale.BANDS)
    assert (result.verdict, result.gate, result.band, result.marks) == (
        Verdict.NOT_A_CRP,
        False,
        0,
        0.0,
    )
    # An evaluator who finds it is a plan after all: the other findings are judged again.
    override = _moderation("crp-identified", Outcome.FAIL, Outcome.PASS, "it is the CRP")
    moderated = effective_result(assessment, [override], weight=10, scale=MarkingScale.BANDS)
    assert moderated.verdict is Verdict.NON_COMPLIANT  # net-zero-year still fails
    assert moderated.score > 0
