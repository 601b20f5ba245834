"""Tests for crp_checker.report.actions: the report ordered for action, at every door."""

from __future__ import annotations

import pytest
from factories import make_assessment, make_finding
from shared_data import require_shared
from typer.testing import CliRunner

from crp_checker import cli
from crp_checker.report.actions import (
    actions,
    decisive_findings,
    decisive_line,
    example_wording,
    score_line,
)
from crp_checker.rules import RULES
from crp_checker.schemas import Assessment, Outcome, Severity, Verdict

runner = CliRunner()


def test_every_scored_rule_has_example_wording_and_no_unknown_rule_has() -> None:
    scored = {r.id for r in RULES.values() if r.severity is not Severity.INFO}
    examples = example_wording()
    assert scored <= set(examples), sorted(scored - set(examples))
    assert set(examples) <= set(RULES), sorted(set(examples) - set(RULES))


def test_gaps_come_mandatory_first_fail_before_review_before_partial() -> None:
    todo = actions(make_assessment())
    assert [i.rule for i in todo.mandatory] == ["net-zero-year", "current-emissions", "signatory"]
    assert [i.rule for i in todo.good_practice] == ["scope2-basis"]
    assert todo.met_summary == "4 pass, 1 not applicable"
    assert todo.mandatory[0].says == [
        'p. 3: “We will reach net zero <script>alert("x")</script> by 2060.”'
    ]


@pytest.mark.parametrize(
    ("verdict", "outcome", "severity", "line"),
    [
        (
            Verdict.NEEDS_REVIEW,
            Outcome.NEEDS_REVIEW,
            Severity.MANDATORY,
            "For a person to decide: Signatory",
        ),
        (
            Verdict.COMPLIANT_WITH_GAPS,
            Outcome.PARTIAL,
            Severity.GOOD_PRACTICE,
            "Only partly met: Signatory",
        ),
        (Verdict.COMPLIANT, Outcome.PASS, Severity.MANDATORY, ""),
    ],
)
def test_the_headline_names_what_decides_each_verdict(
    verdict: Verdict, outcome: Outcome, severity: Severity, line: str
) -> None:
    findings = [make_finding("signatory", "method", outcome, severity)]
    assessment = make_assessment(verdict=verdict, findings=findings, grounds_failed=[])
    assert decisive_line(assessment) == line
    assert [f.rule for f in decisive_findings(assessment)] == ([] if not line else ["signatory"])


def test_score_and_maturity_are_explained_side_by_side() -> None:
    line = score_line(make_assessment(score=83))
    assert line == (
        "Score 83/100: checks met, mandatory ones counted double. "
        "Maturity 2 of 5 (Starting): stays at 2 until every mandatory requirement is met."
    )


def _head(text: str, lines: int) -> str:
    return " ".join(" ".join(text.splitlines()[:lines]).split())


def _mandatory_fails(assessment: Assessment) -> list[str]:
    return [
        f.title
        for f in assessment.findings
        if f.severity is Severity.MANDATORY and f.outcome is Outcome.FAIL
    ]


@pytest.mark.slow
def test_check_text_names_the_failing_mandatory_requirements_in_its_first_15_lines() -> None:
    plans = sorted((require_shared() / "real-crps").glob("*.pdf"))
    assert plans
    named = 0
    for plan in plans:
        result = runner.invoke(cli.app, ["check", str(plan), "--format", "json"])
        assessment = Assessment.model_validate_json(result.stdout)
        text = runner.invoke(cli.app, ["check", str(plan), "--format", "text"]).stdout
        head = _head(text, 15)
        for title in _mandatory_fails(assessment):
            assert title in head, (plan.name, title, head)
            named += 1
    assert named > 0
