"""Worked examples for targets and measures: targets, arithmetic, milestones, trajectory."""

from __future__ import annotations

import pytest
from rule_cases import Case, check_case, complete_facts, run, with_period

from crp_checker.schemas import Measure, Outcome, Target

FULL = complete_facts()
QUALITATIVE = Target(text="We will keep reducing our emissions every year")


def target(**fields: object) -> Target:
    return Target.model_validate({"text": "Decrease to 500 tCO2e by 2030", **fields})


CASES = [
    Case("reduction-targets", Outcome.PASS, FULL, "quantified"),
    Case("reduction-targets", Outcome.PARTIAL, complete_facts(targets=[QUALITATIVE]), "words"),
    Case("reduction-targets", Outcome.FAIL, complete_facts(targets=[]), "none"),
    Case("target-arithmetic", Outcome.PASS, FULL, "500 of 1000 is 50%"),
    Case(
        "target-arithmetic",
        Outcome.PASS,
        complete_facts(targets=[target(target_tco2e=500, percent=49.2)]),
        "within one point",
    ),
    Case(
        "target-arithmetic",
        Outcome.PARTIAL,
        complete_facts(targets=[target(target_tco2e=500, percent=40)]),
        "40% matches neither 50% nor 28.6%",
    ),
    Case(
        "target-arithmetic",
        Outcome.PASS,
        complete_facts(targets=[target(target_tco2e=350, percent=50)]),
        "against the current total",
    ),
    Case("target-arithmetic", Outcome.NOT_APPLICABLE, complete_facts(targets=[]), "no targets"),
    Case(
        "target-arithmetic",
        Outcome.NOT_APPLICABLE,
        with_period(
            with_period(FULL, "baseline", total=None, scope1=None),
            "current",
            total=None,
            scope1=None,
        ),
        "no totals",
    ),
    Case("interim-milestone", Outcome.PASS, FULL, "2030 before 2038"),
    Case(
        "interim-milestone",
        Outcome.PASS,
        complete_facts(net_zero_year=None),
        "no net zero year, 2030 before the deadline",
    ),
    Case(
        "interim-milestone",
        Outcome.PARTIAL,
        complete_facts(targets=[target(year=2038)]),
        "only the end date",
    ),
    Case(
        "interim-milestone",
        Outcome.PARTIAL,
        complete_facts(targets=[target(year=2020)]),
        "past target",
    ),
    # baseline 1,000 t in 2019, net zero 2038: the line allows 736.84 t in 2024
    Case("on-track", Outcome.PASS, FULL, "700 t, ahead"),
    Case("on-track", Outcome.PARTIAL, with_period(FULL, "current", total=780), "5.9% behind"),
    Case("on-track", Outcome.FAIL, with_period(FULL, "current", total=900), "22% behind"),
    Case(
        "on-track",
        Outcome.NOT_APPLICABLE,
        complete_facts(net_zero_year=None),
        "no net zero year",
    ),
    Case(
        "on-track",
        Outcome.NOT_APPLICABLE,
        with_period(FULL, "current", same_as_baseline=True, end_year=2019),
        "same period",
    ),
    Case("completed-measures", Outcome.PASS, FULL, "specific"),
    Case(
        "completed-measures",
        Outcome.PARTIAL,
        complete_facts(
            completed_measures=[Measure(text="We encourage recycling", status="completed")]
        ),
        "generic",
    ),
    Case("completed-measures", Outcome.FAIL, complete_facts(completed_measures=[]), "none"),
    Case("measures-during-contract", Outcome.PASS, FULL, "explicit"),
    Case(
        "measures-during-contract",
        Outcome.PARTIAL,
        complete_facts(measures_during_contract="implied"),
        "implied",
    ),
    Case(
        "measures-during-contract",
        Outcome.FAIL,
        complete_facts(measures_during_contract=None),
        "historic only",
    ),
    Case("future-measures", Outcome.PASS, FULL, "with year"),
    Case(
        "future-measures",
        Outcome.PARTIAL,
        complete_facts(future_measures=[Measure(text="Install solar panels", status="future")]),
        "no timing",
    ),
    Case("future-measures", Outcome.FAIL, complete_facts(future_measures=[]), "none"),
    Case("quantified-savings", Outcome.PASS, FULL, "both"),
    Case("quantified-savings", Outcome.PARTIAL, complete_facts(savings_tco2e=None), "percent only"),
    Case(
        "quantified-savings",
        Outcome.FAIL,
        complete_facts(savings_tco2e=None, savings_percent=None),
        "none",
    ),
    Case(
        "quantified-savings",
        Outcome.NOT_APPLICABLE,
        complete_facts(completed_measures=[]),
        "no measures",
    ),
    Case("certifications", Outcome.PASS, FULL, "ISO 14001"),
    Case("certifications", Outcome.NOT_APPLICABLE, complete_facts(certifications=[]), "none"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_outcome(case: Case) -> None:
    check_case(case)


def test_on_track_says_ahead_and_by_how_much() -> None:
    message = run("on-track", FULL).message
    assert "allows 736.842 tCO2e in 2024" in message  # 1000 x (2038 - 2024) / (2038 - 2019)
    assert "ahead by 36.842 tCO2e, 5%" in message


def test_on_track_says_behind_and_by_how_much() -> None:
    message = run("on-track", with_period(FULL, "current", total=780)).message
    assert "behind by 43.158 tCO2e, 5.9%" in message


def test_exactly_on_the_line_passes() -> None:
    facts = with_period(complete_facts(net_zero_year=2039), "current", total=750, end_year=2024)
    # 1000 x (2039 - 2024) / (2039 - 2019) = 750
    finding = run("on-track", facts)
    assert finding.outcome is Outcome.PASS
    assert "exactly on the line" in finding.message


def test_arithmetic_message_shows_both_references() -> None:
    facts = complete_facts(targets=[target(target_tco2e=500, percent=40)])
    message = run("target-arithmetic", facts).message
    assert "50% below the baseline total 1,000 tCO2e" in message
    assert "28.6% below the current total 700 tCO2e" in message
    assert "the plan says 40%" in message


def test_interim_milestone_lists_the_years_it_found() -> None:
    facts = complete_facts(targets=[target(year=2038)])
    assert "2038" in run("interim-milestone", facts).message
