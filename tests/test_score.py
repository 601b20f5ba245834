"""Verdict precedence, score weights, maturity levels, tender bands and marks (RULES.md)."""

from __future__ import annotations

import pytest
from rule_cases import buyer, complete_facts, ev, run

from crp_checker.rules import RULES
from crp_checker.schemas import Facts, Finding, Outcome, Scope3Category, Verdict
from crp_checker.score import band, gate_passed, marks, maturity, quality_score, score, verdict

MANDATORY_A, MANDATORY_B = "declaration", "signatory"
GOOD_A, GOOD_B = "baseline-method", "totals-add-up"
INFO = "certifications"


def finding(rule_id: str, outcome: Outcome) -> Finding:
    """A finding for a real rule id, with its registered severity and grounds."""
    rule = RULES[rule_id]
    return Finding(
        rule=rule_id,
        title=rule.title,
        section=rule.section,
        outcome=outcome,
        severity=rule.severity,
        serves=list(rule.serves),
        message="m",
        fix=None if outcome is Outcome.PASS else "f",
    )


def assess(facts: Facts) -> list[Finding]:
    return [run(rule_id, facts) for rule_id in RULES]


# --------------------------------------------------------------------------- verdict


@pytest.mark.parametrize(
    ("outcomes", "expected"),
    [
        ({MANDATORY_A: Outcome.FAIL, MANDATORY_B: Outcome.NEEDS_REVIEW}, Verdict.NON_COMPLIANT),
        ({MANDATORY_A: Outcome.NEEDS_REVIEW, MANDATORY_B: Outcome.PARTIAL}, Verdict.NEEDS_REVIEW),
        ({MANDATORY_A: Outcome.PARTIAL, MANDATORY_B: Outcome.PASS}, Verdict.COMPLIANT_WITH_GAPS),
        ({MANDATORY_A: Outcome.PASS, GOOD_A: Outcome.FAIL}, Verdict.COMPLIANT_WITH_GAPS),
        ({MANDATORY_A: Outcome.PASS, GOOD_A: Outcome.NEEDS_REVIEW}, Verdict.COMPLIANT_WITH_GAPS),
        ({MANDATORY_A: Outcome.PASS, GOOD_A: Outcome.NOT_APPLICABLE}, Verdict.COMPLIANT),
        ({MANDATORY_A: Outcome.PASS, INFO: Outcome.NOT_APPLICABLE}, Verdict.COMPLIANT),
        ({MANDATORY_A: Outcome.PASS, "local-ambition": Outcome.PARTIAL}, Verdict.COMPLIANT),
        ({MANDATORY_A: Outcome.NOT_APPLICABLE, MANDATORY_B: Outcome.PASS}, Verdict.COMPLIANT),
    ],
)
def test_verdict_precedence(outcomes: dict[str, Outcome], expected: Verdict) -> None:
    assert verdict([finding(r, o) for r, o in outcomes.items()]) is expected


def test_a_good_practice_fail_never_makes_a_plan_non_compliant() -> None:
    findings = [finding(MANDATORY_A, Outcome.PASS), finding(GOOD_A, Outcome.FAIL)]
    assert verdict(findings) is not Verdict.NON_COMPLIANT


# --------------------------------------------------------------------------- score


@pytest.mark.parametrize(
    ("outcomes", "expected"),
    [
        ({MANDATORY_A: Outcome.PASS, GOOD_A: Outcome.FAIL}, 67),  # 2 of 3
        ({MANDATORY_A: Outcome.FAIL, GOOD_A: Outcome.PASS}, 33),  # 1 of 3
        ({MANDATORY_A: Outcome.PARTIAL}, 50),
        ({MANDATORY_A: Outcome.PARTIAL, GOOD_A: Outcome.PARTIAL, GOOD_B: Outcome.PASS}, 63),
        ({MANDATORY_A: Outcome.PASS, GOOD_A: Outcome.NOT_APPLICABLE}, 100),
        ({MANDATORY_A: Outcome.PASS, INFO: Outcome.NOT_APPLICABLE}, 100),
        ({MANDATORY_A: Outcome.PASS, "local-ambition": Outcome.PARTIAL}, 100),
        ({MANDATORY_A: Outcome.PASS, MANDATORY_B: Outcome.NEEDS_REVIEW}, 50),
        ({GOOD_A: Outcome.NOT_APPLICABLE}, 0),
        ({}, 0),
    ],
)
def test_score_weights(outcomes: dict[str, Outcome], expected: int) -> None:
    # (2 x 0.5 + 0.5 + 1) / (2 + 1 + 1) = 2.5 / 4 = 62.5 -> 63 (rounded half up)
    assert quality_score([finding(r, o) for r, o in outcomes.items()]) == expected


def test_grounds_failed_come_from_mandatory_fails_only_and_are_sorted() -> None:
    findings = [
        finding("methodology", Outcome.FAIL),  # b, e
        finding("declaration", Outcome.FAIL),  # c
        finding("reduction-targets", Outcome.PARTIAL),  # a, but not a fail
        finding("on-track", Outcome.FAIL),  # a, but good practice
    ]
    assert score(findings, complete_facts(), buyer()).grounds_failed == ["b", "c", "e"]


def test_crp_identified_failing_involves_every_ground() -> None:
    result = score([finding("crp-identified", Outcome.FAIL)], Facts(), buyer())
    assert result.grounds_failed == ["a", "b", "c", "d", "e"]
    assert result.verdict is Verdict.NOT_A_CRP  # no plan, not a weak plan
    assert result.score == 0


def test_a_document_that_is_not_a_plan_scores_nothing_whatever_else_it_holds() -> None:
    facts = complete_facts(is_crp=False)
    findings = [
        f if f.rule != "crp-identified" else f.model_copy(update={"outcome": Outcome.FAIL})
        for f in assess(complete_facts())
    ]
    result = score(findings, facts, buyer())
    assert (result.verdict, result.score, result.maturity) == (Verdict.NOT_A_CRP, 0, 1)
    assert gate_passed(result.verdict) is False


# --------------------------------------------------------------------------- maturity


def test_maturity_5_leading_for_the_complete_plan() -> None:
    facts = complete_facts()
    result = score(assess(facts), facts, buyer())
    assert (result.maturity, result.maturity_name) == (5, "Leading")
    assert result.verdict is Verdict.COMPLIANT
    assert result.score == 100


def test_maturity_4_advanced_when_net_zero_is_after_the_local_ambition() -> None:
    facts = complete_facts(net_zero_year=2045)
    result = score(assess(facts), facts, buyer())
    assert (result.maturity, result.maturity_name) == (4, "Advanced")


def test_maturity_4_when_behind_the_trajectory() -> None:
    facts = complete_facts()
    current = facts.current.model_copy(update={"scope3": 580, "total": 780})
    facts = facts.model_copy(update={"current": current})
    findings = assess(facts)
    assert {f.rule: f.outcome for f in findings}["on-track"] is Outcome.PARTIAL
    assert score(findings, facts, buyer()).maturity == 4


def test_maturity_3_when_a_category_is_ruled_out_rather_than_measured() -> None:
    detail = [
        Scope3Category(number=n, name="c", as_written="c", baseline=1, current=1)
        for n in (4, 5, 6, 7)
    ] + [Scope3Category(number=9, name="c", as_written="c", excluded=True, reason="no sales")]
    facts = complete_facts(scope3_detail=detail)
    findings = assess(facts)
    assert {f.rule: f.outcome for f in findings}["scope3-categories"] is Outcome.PASS
    result = score(findings, facts, buyer())
    assert (result.maturity, result.maturity_name) == (3, "Compliant")


def test_maturity_3_without_an_interim_milestone() -> None:
    facts = complete_facts()
    facts = facts.model_copy(
        update={"targets": [facts.targets[0].model_copy(update={"year": 2038})]}
    )
    assert score(assess(facts), facts, buyer()).maturity == 3


def test_maturity_2_starting_when_a_mandatory_rule_fails() -> None:
    facts = complete_facts(declaration=None)
    result = score(assess(facts), facts, buyer())
    assert (result.maturity, result.maturity_name) == (2, "Starting")
    assert result.verdict is Verdict.NON_COMPLIANT


def test_maturity_2_when_a_mandatory_rule_needs_review() -> None:
    facts = complete_facts(url_reachable=None)
    result = score(assess(facts), facts, buyer())
    assert result.verdict is Verdict.NEEDS_REVIEW
    assert result.maturity == 2


def test_maturity_1_not_started_for_a_document_that_is_not_a_crp() -> None:
    facts = complete_facts(is_crp=False, crp_kind="none")
    result = score(assess(facts), facts, buyer())
    assert (result.maturity, result.maturity_name) == (1, "Not started")


def test_maturity_1_for_a_crp_with_no_commitment_and_no_figures() -> None:
    facts = Facts(is_crp=True, crp_kind="standalone", evidence={"crp": ev("Carbon Reduction Plan")})
    assert maturity(assess(facts), facts, buyer()) == 1


# --------------------------------------------------------------------------- tender marks


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, 1), (39, 1), (40, 2), (59, 2), (60, 3), (74, 3), (75, 4), (89, 4), (90, 5), (100, 5)],
)
def test_band_edges(value: int, expected: int) -> None:
    assert band(value, gate_passed=True) == expected


def test_band_is_zero_when_the_gate_failed() -> None:
    assert band(100, gate_passed=False) == 0


@pytest.mark.parametrize("value", [-1, 101])
def test_band_refuses_scores_outside_0_100(value: int) -> None:
    with pytest.raises(ValueError, match="0-100"):
        band(value, gate_passed=True)


def test_gate_follows_the_verdict() -> None:
    assert gate_passed(Verdict.NON_COMPLIANT) is False
    assert gate_passed(Verdict.NEEDS_REVIEW) is None
    assert gate_passed(Verdict.COMPLIANT_WITH_GAPS) is True
    assert gate_passed(Verdict.COMPLIANT) is True


def test_marks_on_both_scales() -> None:
    assert marks(10, 4, "0-5") == pytest.approx(8.0)  # 10 x 4 / 5
    assert marks(10, 5, "0-5") == pytest.approx(10.0)
    assert marks(10, 0, "0-5") == 0
    assert marks(10, 75, "0-100") == pytest.approx(7.5)  # 10 x 75 / 100
    assert marks(15, 62, "0-100") == pytest.approx(9.3)


@pytest.mark.parametrize(("value", "scale"), [(6, "0-5"), (-1, "0-5"), (101, "0-100")])
def test_marks_refuse_values_off_the_scale(value: float, scale: str) -> None:
    with pytest.raises(ValueError, match="between 0 and"):
        marks(10, value, scale)  # type: ignore[arg-type]
