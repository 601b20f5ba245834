"""A period the plan seems to name but the checker could not read goes to a person instead of
failing (issue 11: a mandatory fail needs certainty)."""

from __future__ import annotations

import pytest
from documents import facts_of
from rule_cases import run

from crp_checker.schemas import Outcome


@pytest.mark.parametrize(
    ("text", "rule", "key"),
    [
        (
            "Our figures use the latest full financial year (ending in 2025 on 31 March).",
            "reporting-period",
            "current.label",
        ),
        (
            "Our current reporting period closed at the end of March 2026 as usual.",
            "reporting-period",
            "current.label",
        ),
        (
            "We measured our first base year in the twelve months from mid-2019.",
            "baseline-year",
            "baseline.label",
        ),
        ("Reporting year (see note 3): mid-2024 to mid-2025", "reporting-period", "current.label"),
    ],
)
def test_a_period_named_beside_a_year_but_unread_is_a_question(
    text: str, rule: str, key: str
) -> None:
    facts = facts_of(f"Carbon Reduction Plan\n{text}\n")
    assert getattr(facts, key.split(".")[0]).label is None  # never filled by a guess
    finding = run(rule, facts)
    assert finding.outcome is Outcome.NEEDS_REVIEW
    assert finding.question
    assert facts.readings[key].candidates[0].value == text


@pytest.mark.parametrize(
    "text",
    [
        "We have no figures yet.",
        "We will set a baseline year by 2027.",  # a plan, not a period: still a fail
        "Our net zero target is 2045 for the whole business.",
    ],
)
def test_without_a_period_word_beside_a_year_the_fail_stands(text: str) -> None:
    facts = facts_of(f"Carbon Reduction Plan\n{text}\n")
    assert run("baseline-year", facts).outcome is Outcome.FAIL
    assert run("reporting-period", facts).outcome is Outcome.FAIL
